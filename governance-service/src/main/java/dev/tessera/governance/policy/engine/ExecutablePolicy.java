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
 * @param message the compiled failure message (a CEL expression yielding text); null when the policy has
 *     none, or when it no longer compiles: a generated sentence from the name and remediation stands in
 */
public record ExecutablePolicy(
        String id,
        long version,
        String name,
        PolicySeverity severity,
        int weight,
        PolicyTarget target,
        String remediation,
        CompiledExpression expression,
        CompiledExpression message) {

    /** A policy without a failure message of its own. */
    public ExecutablePolicy(
            String id,
            long version,
            String name,
            PolicySeverity severity,
            int weight,
            PolicyTarget target,
            String remediation,
            CompiledExpression expression) {
        this(id, version, name, severity, weight, target, remediation, expression, null);
    }

    /**
     * What a failure says when the policy has no message of its own, or its message cannot be
     * evaluated: the policy's name, so the reason names the rule that was broken.
     */
    public String generatedFailure() {
        return "'" + name + "' is not met";
    }
}
