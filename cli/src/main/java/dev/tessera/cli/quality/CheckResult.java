package dev.tessera.cli.quality;

import java.math.BigDecimal;

/**
 * One check of a contract against a database.
 *
 * @param check the check's name: the contract rule's check id as governance computes it
 *     ({@code <object>/<column or *>/<metric or type>/<key>}), or {@code schema/<object>/<what>} for structure
 * @param outcome PASS, FAIL, or ERROR (the check could not run: a bad query, an unsupported rule)
 * @param value the measured value, when there is one
 * @param detail what was expected and found
 */
public record CheckResult(String check, String outcome, BigDecimal value, String detail) {

    static CheckResult pass(String check, BigDecimal value, String detail) {
        return new CheckResult(check, "PASS", value, detail);
    }

    static CheckResult fail(String check, BigDecimal value, String detail) {
        return new CheckResult(check, "FAIL", value, detail);
    }

    static CheckResult error(String check, String detail) {
        return new CheckResult(check, "ERROR", null, detail);
    }

    /** Whether the check held; an ERROR did not. */
    public boolean passed() {
        return outcome.equals("PASS");
    }
}
