package dev.tessera.governance.policy.rest;

import java.util.List;

/**
 * A policies-as-code file (YAML or JSON): {@code policies:} followed by policy documents.
 *
 * @param policies the policies the file declares
 */
public record PolicyFile(List<PolicyRequest> policies) {

    public PolicyFile {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }
}
