package dev.tessera.portal.work;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An approver's decision on one access request as sent from My work, with what is wrong with it. Valid
 * means governance gets a decision it takes: APPROVED, or REJECTED with a reason the consumer can read.
 *
 * @param requestId the request decided
 * @param errors field name to what to fix; empty when valid
 * @param failure why governance refused or could not take a valid decision, or null
 */
public record DecisionForm(
        String requestId, String decision, String reason, Map<String, String> errors, String failure) {

    static final String APPROVED = "APPROVED";
    static final String REJECTED = "REJECTED";
    static final int MAX_REASON = 1000;

    static DecisionForm none() {
        return new DecisionForm("", "", "", Map.of(), null);
    }

    static DecisionForm of(String requestId, String decision, String reason) {
        String d = decision == null ? "" : decision.strip();
        String why = reason == null ? "" : reason.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!d.equals(APPROVED) && !d.equals(REJECTED)) {
            errors.put("decision", "Choose Approve or Reject.");
        }
        if (d.equals(REJECTED) && why.isEmpty()) {
            errors.put("reason", "Say why you reject the request: the consumer reads it.");
        }
        if (why.length() > MAX_REASON) {
            errors.put("reason", "Keep the reason under " + MAX_REASON + " characters.");
        }
        return new DecisionForm(requestId, d, why, Map.copyOf(errors), null);
    }

    boolean valid() {
        return errors.isEmpty();
    }

    DecisionForm failed(String why) {
        return new DecisionForm(requestId, decision, reason, errors, why);
    }

    /** True when this form was sent for {@code id} (the page shows its errors and text next to that request). */
    public boolean isFor(String id) {
        return requestId.equals(id);
    }

    /** The error for one field, or null (templates: {@code form.error('reason')}). */
    public String error(String field) {
        return errors.get(field);
    }

    /** The body governance takes at {@code .../access-requests/{id}/decision}. */
    Map<String, Object> body() {
        return reason.isEmpty() ? Map.of("status", decision) : Map.of("status", decision, "reason", reason);
    }
}
