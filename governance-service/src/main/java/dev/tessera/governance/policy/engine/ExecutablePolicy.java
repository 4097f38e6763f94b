package dev.tessera.governance.policy.engine;

/**
 * A policy as the evaluator needs it: its identity, how it counts and its compiled expression.
 *
 * @param id policy id
 * @param version the policy's version (bumped on every change)
 * @param name display name
 * @param severity BLOCKING gates publishing, WARNING lowers the score
 * @param weight relative weight in the score, at least 1
 * @param target what the expression runs against
 * @param remediation what the owner should do when it fails
 * @param expression the compiled CEL program; null when the stored expression no longer compiles
 */
public record ExecutablePolicy(
        String id,
        long version,
        String name,
        PolicySeverity severity,
        int weight,
        PolicyTarget target,
        String remediation,
        CompiledExpression expression) {}
