package dev.tessera.portal.product;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Request access form as the user filled it, with what is wrong with each field. Valid means
 * governance gets a request it can judge: a port, a purpose, and an end date in the future.
 *
 * @param errors field name to what to fix; empty when valid
 * @param failure why governance refused or could not take a valid request, or null
 */
public record AccessForm(String port, String purpose, String until, Map<String, String> errors, String failure) {

    static final int MAX_PURPOSE = 1000;

    static AccessForm empty() {
        return new AccessForm("", "", "", Map.of(), null);
    }

    static AccessForm of(String port, String purpose, String until) {
        String p = port == null ? "" : port.strip();
        String why = purpose == null ? "" : purpose.strip();
        String end = until == null ? "" : until.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (p.isEmpty()) {
            errors.put("port", "Choose the output port you need.");
        }
        if (why.isEmpty()) {
            errors.put("purpose", "Say what you will use the data for.");
        } else if (why.length() > MAX_PURPOSE) {
            errors.put("purpose", "Keep the purpose under " + MAX_PURPOSE + " characters.");
        }
        if (end.isEmpty()) {
            errors.put("until", "Give the date your access should end.");
        } else {
            try {
                if (!LocalDate.parse(end).isAfter(LocalDate.now(ZoneOffset.UTC))) {
                    errors.put("until", "The end date must be in the future.");
                }
            } catch (DateTimeParseException e) {
                errors.put("until", "Give the end date as YYYY-MM-DD.");
            }
        }
        return new AccessForm(p, why, end, Map.copyOf(errors), null);
    }

    boolean valid() {
        return errors.isEmpty();
    }

    AccessForm failed(String why) {
        return new AccessForm(port, purpose, until, errors, why);
    }

    /** The error for one field, or null (templates: {@code form.error('purpose')}). */
    public String error(String field) {
        return errors.get(field);
    }

    /** The request body governance takes. */
    Map<String, Object> body(String productId) {
        return Map.of(
                "productId", productId,
                "portName", port,
                "purpose", purpose,
                "requestedUntil",
                        LocalDate.parse(until)
                                .atStartOfDay()
                                .toInstant(ZoneOffset.UTC)
                                .toString());
    }
}
