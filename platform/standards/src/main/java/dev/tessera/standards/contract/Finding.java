package dev.tessera.standards.contract;

import java.util.Objects;

/**
 * One difference found by {@link BreakingChangeDetector}.
 *
 * @param severity whether the change can break existing consumers
 * @param rule stable rule id (see {@link ChangeRules}); other services key on it, so it never changes
 * @param path where the change is, using names rather than indexes, for example
 *     {@code outputPorts[orders-table].contract.schema[orders].properties[order_id].logicalType}
 * @param message what changed and why it matters, written for the product's owner
 */
public record Finding(Severity severity, String rule, String path, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
