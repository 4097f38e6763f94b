package dev.tessera.governance.policy.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tessera.governance.policy.service.PolicyDefinition;

/**
 * A policy as written by its owner, over HTTP or in a policies file. Enumerations travel as text so
 * a wrong value is answered with the field that carries it.
 *
 * @param id stable id ({@code [a-z0-9][a-z0-9._-]*}); taken from the path on PUT
 * @param name display name
 * @param description what the policy is for
 * @param scope {@code GLOBAL} or the id of the domain it applies to
 * @param severity BLOCKING or WARNING
 * @param weight relative weight in the score, 1 to 100 (default 1)
 * @param target PRODUCT, OUTPUT_PORT or SCHEMA_PROPERTY (default PRODUCT)
 * @param expression the CEL expression; true means compliant
 * @param remediation what to do when it fails
 * @param enabled whether it is evaluated (default true)
 * @param message optional CEL expression over the same variables, yielding the sentence shown when the
 *     policy fails; without one, the failure names the policy
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PolicyRequest(
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

    /** A policy without a failure message of its own. */
    public PolicyRequest(
            String id,
            String name,
            String description,
            String scope,
            String severity,
            Integer weight,
            String target,
            String expression,
            String remediation,
            Boolean enabled) {
        this(id, name, description, scope, severity, weight, target, expression, remediation, enabled, null);
    }

    /** The request as the service takes it. */
    public PolicyDefinition definition() {
        return new PolicyDefinition(
                id, name, description, scope, severity, weight, target, expression, remediation, enabled, message);
    }
}
