package dev.tessera.governance.policy.service;

/**
 * A policy as its owner writes it, over HTTP or in a policies file, before {@link PolicyService}
 * validates it. Enumerations are text, so that a wrong value is refused naming the field it is in.
 *
 * @param id stable id ({@code [a-z0-9][a-z0-9._-]*})
 * @param name display name
 * @param description what the policy is for
 * @param scope {@code GLOBAL} or the id of the domain it applies to
 * @param severity BLOCKING or WARNING; null means WARNING
 * @param weight relative weight in the score, 1 to 100; null means 1
 * @param target PRODUCT, OUTPUT_PORT or SCHEMA_PROPERTY; null means PRODUCT
 * @param expression the CEL expression; true means compliant
 * @param remediation what to do when it fails
 * @param enabled whether it is evaluated; null means true
 * @param message optional CEL expression over the same variables, yielding the sentence shown when the
 *     policy fails
 */
public record PolicyDefinition(
        String id,
        String name,
        String description,
        String scope,
        String severity,
        Integer weight,
        String target,
        String expression,
        String remediation,
        Boolean enabled,
        String message) {

    /** The same definition under another id (a PUT names the policy in its path). */
    public PolicyDefinition withId(String newId) {
        return new PolicyDefinition(
                newId, name, description, scope, severity, weight, target, expression, remediation, enabled, message);
    }
}
