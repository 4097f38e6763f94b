package dev.tessera.governance.policy.engine;

/** BLOCKING policies gate publishing; WARNING policies only lower the compliance score. */
public enum PolicySeverity {
    BLOCKING,
    WARNING;

    /** True when this severity is at least as strict as the other (a domain may only tighten). */
    public boolean atLeastAsStrictAs(PolicySeverity other) {
        return this == BLOCKING || other == WARNING;
    }
}
