package dev.tessera.governance.policy.engine;

/** A run went over one of its {@link PolicyLimits}; the policy's outcome is ERROR with this message. */
final class PolicyBudgetExceeded extends RuntimeException {

    PolicyBudgetExceeded(String message) {
        // Thrown on purpose, often: no stack trace to fill.
        super(message, null, false, false);
    }
}
