package dev.tessera.governance.policy.rest;

import dev.tessera.governance.policy.service.PolicyDefinition;
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

    /** The file's policies as the service takes them, in the file's order. */
    public List<PolicyDefinition> definitions() {
        return policies.stream().map(PolicyRequest::definition).toList();
    }
}
