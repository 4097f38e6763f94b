package dev.tessera.portal.product;

import static dev.tessera.portal.product.ContractView.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The compliance score panel: governance's latest evaluation of the product ({@code GET
 * /api/governance/v1/products/{id}/evaluation}), every policy's outcome with the evidence it looked at
 * and what to do about a failure. Failures come first, blocking before advisory, then passes, then
 * policies that did not apply.
 *
 * @param version the product version evaluated
 * @param score the score, 0 to 100, rounded
 * @param rating the band, A to E
 * @param blockingFailures blocking policies failed or in error
 * @param evaluatedAt when, to the minute in UTC
 * @param trigger what caused the evaluation, in words (product changed, policy changed, ...)
 */
public record ScoreView(
        String version,
        String score,
        String rating,
        int blockingFailures,
        String evaluatedAt,
        String trigger,
        List<Outcome> outcomes) {

    /**
     * One policy's result.
     *
     * @param severity BLOCKING or WARNING
     * @param outcome PASS, FAIL, ERROR or NOT_APPLICABLE
     * @param message why it failed, or null
     * @param remediation what the owner should do, or null
     * @param evidence the values the policy looked at, by name
     */
    public record Outcome(
            String policyId,
            String name,
            String severity,
            String outcome,
            String message,
            String remediation,
            List<Map.Entry<String, String>> evidence) {

        /** Failed or could not be evaluated: the owner has something to do. */
        public boolean failing() {
            return "FAIL".equals(outcome) || "ERROR".equals(outcome);
        }

        public boolean blocking() {
            return "BLOCKING".equals(severity);
        }

        /** The outcome in words. */
        public String result() {
            return switch (outcome == null ? "" : outcome) {
                case "PASS" -> "Passes";
                case "FAIL" -> "Fails";
                case "ERROR" -> "Could not be evaluated";
                case "NOT_APPLICABLE" -> "Does not apply";
                default -> outcome;
            };
        }
    }

    /** How many policies pass, fail (or error) and do not apply. */
    public long passing() {
        return outcomes.stream().filter(o -> "PASS".equals(o.outcome())).count();
    }

    public long failing() {
        return outcomes.stream().filter(Outcome::failing).count();
    }

    static ScoreView of(JsonNode evaluation) {
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode o : evaluation.path("outcomes")) {
            outcomes.add(new Outcome(
                    text(o, "policyId"),
                    text(o, "name") != null ? text(o, "name") : text(o, "policyId"),
                    text(o, "severity"),
                    text(o, "outcome"),
                    text(o, "message"),
                    text(o, "remediation"),
                    JsonText.fields(o.path("evidence"))));
        }
        outcomes.sort(Comparator.comparingInt(ScoreView::rank));
        JsonNode score = evaluation.path("score");
        return new ScoreView(
                text(evaluation, "version"),
                score.isNumber() ? String.valueOf(Math.round(score.asDouble())) : null,
                text(evaluation, "rating"),
                evaluation.path("blockingFailures").asInt(0),
                Times.readable(text(evaluation, "evaluatedAt")),
                Times.words(text(evaluation, "trigger")),
                List.copyOf(outcomes));
    }

    private static int rank(Outcome o) {
        if (o.failing()) {
            return o.blocking() ? 0 : 1;
        }
        return "PASS".equals(o.outcome()) ? 2 : 3;
    }
}
