package dev.tessera.governance.quality.rules;

/** Decides a contract's rules from reported facts; the semantics are written down in docs/quality.md. */
public final class RuleEvaluator {

    private RuleEvaluator() {}

    /** Decides one rule; UNKNOWN when the facts cannot decide it (sql, text, custom, missing figures). */
    public static Verdict evaluate(ContractRule rule, DatasetFacts facts) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Compares an observed number with a rule's operator and threshold, as ODCS defines them; the
     * between operators include their bounds. Also used for results pushed with a value.
     */
    public static boolean holds(
            String operator, java.util.List<java.math.BigDecimal> threshold, java.math.BigDecimal observed) {
        throw new UnsupportedOperationException("not built yet");
    }
}
