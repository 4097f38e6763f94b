package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.standards.contract.SemanticVersion;
import java.util.List;
import java.util.Map;

/**
 * A submission that passed every check that needs no stored version of the product: its id matches the URL, it is a
 * valid descriptor (ODPS, ODCS and the registry's own rules), its domain exists and the caller may write to it, and
 * its contract ids belong to this product. Built only by {@link DescriptorChecks}.
 *
 * @param productId the product, as the URL names it
 * @param domainId the owning domain, as the descriptor names it
 * @param version the version the descriptor names
 * @param descriptor the descriptor, with its id filled in and bundled contracts attached to their ports
 * @param warnings things worth fixing that do not block the write
 * @param bundled for each port given a contract from the bundle, the index of its bundle document
 * @param form how the write arrived, which decides how contract references are resolved
 */
record CheckedDescriptor(
        String productId,
        String domainId,
        SemanticVersion version,
        ObjectNode descriptor,
        List<String> warnings,
        Map<Integer, Integer> bundled,
        Submission.Form form) {

    /** The same descriptor with these warnings. */
    CheckedDescriptor withWarnings(List<String> found) {
        return new CheckedDescriptor(productId, domainId, version, descriptor, List.copyOf(found), bundled, form);
    }
}
