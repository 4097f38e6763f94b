package dev.tessera.governance.policy.engine;

/**
 * What a policy is evaluated against. A port policy runs once per output port (with {@code port}
 * bound), a property policy once per schema property of every port's contract (with {@code port} and
 * {@code property} bound); the policy passes only if every run passes.
 */
public enum PolicyTarget {
    PRODUCT,
    OUTPUT_PORT,
    SCHEMA_PROPERTY
}
