package dev.tessera.registry.product.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract one output port carries after a write, and where it came from: what a dry run shows so the owner sees
 * which contract lands on which port before anything is stored.
 *
 * @param port the port's name
 * @param portVersion the port's version, empty when it has none
 * @param path JSON pointer of the port in the descriptor, e.g. {@code /outputPorts/0}
 * @param contractId the contract's id
 * @param source where the contract came from
 * @param document for {@link Source#BUNDLE}, the index of the bundle document (the product is 0)
 * @param keptFrom for {@link Source#KEPT}, the version whose port carried the contract
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortContract(
        String port,
        String portVersion,
        String path,
        String contractId,
        Source source,
        Integer document,
        String keptFrom) {

    /** Where a port's contract came from. */
    public enum Source {
        /** Written inline under the port's {@code contract}. */
        INLINE,
        /** A document of the bundle whose {@code id} the port names. */
        BUNDLE,
        /** Named by an unchanged {@code contractId} and taken from the version the write builds on. */
        KEPT,
        /** Named by {@code contractId} only; the registry holds no contract for it (an imported ODPS reference). */
        REFERENCE
    }

    static PortContract inline(String port, String portVersion, int index, String contractId) {
        return new PortContract(port, portVersion, path(index), contractId, Source.INLINE, null, null);
    }

    static PortContract bundled(String port, String portVersion, int index, String contractId, int document) {
        return new PortContract(port, portVersion, path(index), contractId, Source.BUNDLE, document, null);
    }

    static PortContract kept(String port, String portVersion, int index, String contractId, String fromVersion) {
        return new PortContract(port, portVersion, path(index), contractId, Source.KEPT, null, fromVersion);
    }

    static PortContract reference(String port, String portVersion, int index, String contractId) {
        return new PortContract(port, portVersion, path(index), contractId, Source.REFERENCE, null, null);
    }

    private static String path(int index) {
        return "/outputPorts/" + index;
    }
}
