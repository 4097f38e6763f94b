package dev.tessera.governance.policy.engine;

/** The result of one policy on one product. ERROR is never counted as a pass. */
public enum Outcome {
    PASS,
    FAIL,
    ERROR,
    NOT_APPLICABLE;

    /** True when the policy said something about the product (it counts towards the score). */
    public boolean applicable() {
        return this != NOT_APPLICABLE;
    }
}
