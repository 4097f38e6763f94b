package dev.tessera.governance.quality.rules;

/**
 * The result of deciding one rule from reported facts.
 *
 * @param outcome PASS, FAIL, or UNKNOWN when the facts do not decide it
 * @param observed the value the rule was decided on, as text ({@code 42}, {@code 12.5%}); null when UNKNOWN
 * @param reason why it is UNKNOWN, or how the value was worked out; for people
 */
public record Verdict(Outcome outcome, String observed, String reason) {

    /** A rule's outcome. UNKNOWN is never counted as passing. */
    public enum Outcome {
        PASS,
        FAIL,
        UNKNOWN
    }

    /** The rule holds for the observed value. */
    public static Verdict pass(String observed, String reason) {
        return new Verdict(Outcome.PASS, observed, reason);
    }

    /** The rule does not hold for the observed value. */
    public static Verdict fail(String observed, String reason) {
        return new Verdict(Outcome.FAIL, observed, reason);
    }

    /** The facts cannot decide the rule; the reason names what is missing. */
    public static Verdict unknown(String reason) {
        return new Verdict(Outcome.UNKNOWN, null, reason);
    }
}
