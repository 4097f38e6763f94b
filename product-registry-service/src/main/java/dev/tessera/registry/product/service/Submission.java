package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a write sends: a descriptor (ODPS with inline ODCS contracts), or a bundle of an ODPS product and the ODCS
 * contracts its output ports name by {@code contractId}.
 *
 * @param product the descriptor, or the bundle's first document
 * @param contracts the bundle's other documents, in order (document {@code i + 1} is {@code contracts.get(i)}); empty
 *     for a descriptor
 * @param form how the write arrived, which decides how contract references are resolved
 */
public record Submission(JsonNode product, List<JsonNode> contracts, Form form) {

    /** How a write arrived. */
    public enum Form {
        /** A descriptor: every contract a port names is inline or kept from the version it builds on. */
        DESCRIPTOR,
        /** A product and its contracts as separate documents, checked as one change. */
        BUNDLE,
        /**
         * A standalone ODPS document: its ports may name contracts kept elsewhere, so a {@code contractId} the
         * registry does not know is taken as a reference without a contract.
         */
        ODPS_IMPORT
    }

    public Submission {
        contracts = List.copyOf(contracts);
    }

    public static Submission descriptor(JsonNode descriptor) {
        return new Submission(descriptor, List.of(), Form.DESCRIPTOR);
    }

    public static Submission bundle(JsonNode product, List<JsonNode> contracts) {
        return new Submission(product, contracts, Form.BUNDLE);
    }

    public static Submission odpsImport(JsonNode odps) {
        return new Submission(odps, List.of(), Form.ODPS_IMPORT);
    }

    public boolean isBundle() {
        return form == Form.BUNDLE;
    }
}
