package dev.tessera.standards.contract;

/** Whether a change between a published product descriptor and a draft can break existing consumers. */
public enum Severity {
    /** Existing consumers, validators or stored data may stop working; the change needs a major version. */
    BREAKING,
    /** Safe for existing consumers; reported so that the change log is complete. */
    NON_BREAKING
}
