package dev.tessera.standards.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.standards.Violation;
import dev.tessera.standards.text.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts between Tessera descriptors and the two standards they are built from.
 *
 * <p>A Tessera descriptor is an ODPS v1.0.0 document whose {@code outputPorts[]} entries may carry an inline ODCS
 * v3.1.0 contract under {@code contract}; the port's {@code contractId} then equals {@code contract.id}. Exporting
 * strips the inline contracts (ODPS only references them), importing moves fields unknown to the standard into
 * {@code customProperties} (see {@link CustomPropertiesNormaliser}), so documents from other tools are accepted without
 * losing data.
 *
 * <p>Every method works on a copy and leaves its arguments untouched. Thread-safe.
 */
public final class DescriptorCodec {

    /** Key of the inline ODCS contract on an output port; the only field Tessera adds to ODPS. */
    public static final String CONTRACT = "contract";

    private static final String OUTPUT_PORTS = "outputPorts";
    private static final String CONTRACT_ID = "contractId";

    private final StandardSchemas schemas;
    private final CustomPropertiesNormaliser odpsNormaliser;
    private final CustomPropertiesNormaliser odcsNormaliser;

    public DescriptorCodec(StandardSchemas schemas) {
        this.schemas = schemas;
        this.odpsNormaliser = new CustomPropertiesNormaliser(schemas.odpsSchemaNode());
        this.odcsNormaliser = new CustomPropertiesNormaliser(schemas.odcsSchemaNode());
    }

    /** Convenience for callers without a shared {@link StandardSchemas}; loads the schemas. */
    public DescriptorCodec() {
        this(new StandardSchemas());
    }

    /**
     * ODPS document to Tessera descriptor. Fields ODPS does not define are moved, wherever the schema closes an object
     * and offers {@code customProperties} (top level, {@code description}, ports, {@code team}, members, support
     * channels, ...), into that object's {@code customProperties} as {@code {property: <name>, value: <original>}}.
     * An inline {@code contract} on an output port is Tessera's own and stays; it is normalised like
     * {@link #importOdcs(JsonNode)}. Does not validate.
     *
     * @throws IllegalArgumentException if {@code odps} is not an object
     */
    public ObjectNode importOdps(JsonNode odps) {
        ObjectNode descriptor = copyOf(odps, "ODPS document");
        // Take contracts out first: to the ODPS schema they are unknown fields and would be moved.
        List<ObjectNode> ports = outputPorts(descriptor);
        List<JsonNode> contracts = new ArrayList<>();
        for (ObjectNode port : ports) {
            contracts.add(port.remove(CONTRACT));
        }
        odpsNormaliser.normalise(descriptor);
        for (int i = 0; i < ports.size(); i++) {
            JsonNode contract = contracts.get(i);
            if (contract instanceof ObjectNode object) {
                odcsNormaliser.normalise(object);
            }
            if (contract != null) {
                ports.get(i).set(CONTRACT, contract);
            }
        }
        return descriptor;
    }

    /**
     * Tessera descriptor to ODPS document: strips every inline contract, sets {@code contractId} from {@code contract.id}
     * where the port has none, and sets {@code status} when {@code odpsStatus} is not null (ODPS suggests
     * {@code proposed}, {@code draft}, {@code active}, {@code deprecated}, {@code retired}).
     *
     * @throws IllegalArgumentException if {@code descriptor} is not an object
     */
    public ObjectNode exportOdps(JsonNode descriptor, String odpsStatus) {
        ObjectNode odps = copyOf(descriptor, "descriptor");
        for (ObjectNode port : outputPorts(odps)) {
            JsonNode contract = port.remove(CONTRACT);
            JsonNode contractId = contract == null ? null : contract.get("id");
            if (!port.has(CONTRACT_ID) && contractId != null && contractId.isTextual()) {
                port.put(CONTRACT_ID, contractId.asText());
            }
        }
        if (odpsStatus != null) {
            odps.put("status", odpsStatus);
        }
        return odps;
    }

    /**
     * Tessera descriptor to bundle: the product as {@link #exportOdps} makes it (status as the descriptor has it),
     * followed by each distinct inline contract in port order. A contract two ports carry appears once; reading the
     * bundle attaches it to both again.
     *
     * @throws IllegalArgumentException if {@code descriptor} is not an object
     */
    public List<ObjectNode> exportBundle(JsonNode descriptor) {
        List<ObjectNode> documents = new ArrayList<>();
        documents.add(exportOdps(descriptor, null));
        List<JsonNode> seen = new ArrayList<>();
        for (ObjectNode port : outputPorts(descriptor)) {
            if (port.get(CONTRACT) instanceof ObjectNode contract && !seen.contains(contract)) {
                seen.add(contract);
                documents.add(contract.deepCopy());
            }
        }
        return documents;
    }

    /**
     * The ODCS contract of the first output port named {@code portName}; empty if there is no such port or it carries
     * no contract object.
     */
    public Optional<ObjectNode> exportOdcs(JsonNode descriptor, String portName) {
        return findPort(descriptor, portName)
                .map(port -> port.get(CONTRACT))
                .filter(JsonNode::isObject)
                .map(contract -> (ObjectNode) contract.deepCopy());
    }

    /** Import of an ODCS document: moves fields ODCS does not define into the nearest {@code customProperties}. */
    public ObjectNode importOdcs(JsonNode odcs) {
        ObjectNode contract = copyOf(odcs, "ODCS document");
        odcsNormaliser.normalise(contract);
        return contract;
    }

    /**
     * A copy of {@code descriptor} with {@code odcs} attached to the first output port named {@code portName}, whose
     * {@code contractId} becomes {@code odcs.id} (left as is if the contract has no textual id).
     *
     * @throws IllegalArgumentException if the descriptor has no such output port
     */
    public ObjectNode attachContract(JsonNode descriptor, String portName, JsonNode odcs) {
        ObjectNode copy = copyOf(descriptor, "descriptor");
        ObjectNode port = findPort(copy, portName)
                .orElseThrow(() -> new IllegalArgumentException(
                        "The descriptor has no output port named " + UserText.quote(portName) + "."));
        port.set(CONTRACT, odcs.deepCopy());
        JsonNode id = odcs.get("id");
        if (id != null && id.isTextual()) {
            port.put(CONTRACT_ID, id.asText());
        }
        return copy;
    }

    /**
     * Validates a whole descriptor: its ODPS part against ODPS, every inline contract against ODCS (reported with the
     * full path, e.g. {@code /outputPorts/0/contract/schema/0/name}), and that each port's {@code contractId} names its
     * inline contract.
     */
    public List<Violation> validateDescriptor(JsonNode descriptor) {
        if (descriptor == null || !descriptor.isObject()) {
            return List.of(new Violation("", "A descriptor must be an object."));
        }
        List<Violation> violations = new ArrayList<>(schemas.validateOdps(exportOdps(descriptor, null)));
        JsonNode ports = descriptor.get(OUTPUT_PORTS);
        if (ports == null || !ports.isArray()) {
            return violations;
        }
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            JsonNode contract = port.get(CONTRACT);
            if (contract == null) {
                continue;
            }
            String base = "/" + OUTPUT_PORTS + "/" + i;
            if (!contract.isObject()) {
                violations.add(new Violation(base + "/" + CONTRACT, "The contract must be an ODCS v3.1.0 object."));
                continue;
            }
            for (Violation violation : schemas.validateOdcs(contract)) {
                violations.add(new Violation(base + "/" + CONTRACT + violation.path(), violation.message()));
            }
            JsonNode contractId = port.get(CONTRACT_ID);
            JsonNode id = contract.get("id");
            if (contractId != null
                    && contractId.isTextual()
                    && id != null
                    && id.isTextual()
                    && !contractId.equals(id)) {
                violations.add(new Violation(
                        base + "/" + CONTRACT_ID,
                        "contractId " + UserText.quote(contractId.asText()) + " differs from the inline contract's id "
                                + UserText.quote(id.asText()) + "; make them equal or drop contractId."));
            }
        }
        return violations;
    }

    private static Optional<ObjectNode> findPort(JsonNode descriptor, String portName) {
        if (descriptor == null || portName == null) {
            return Optional.empty();
        }
        return outputPorts(descriptor).stream()
                .filter(port -> portName.equals(port.path("name").textValue()))
                .findFirst();
    }

    /** The object entries of {@code outputPorts}; anything else there is left for validation to report. */
    private static List<ObjectNode> outputPorts(JsonNode descriptor) {
        List<ObjectNode> result = new ArrayList<>();
        if (descriptor.get(OUTPUT_PORTS) instanceof ArrayNode ports) {
            for (JsonNode port : ports) {
                if (port instanceof ObjectNode object) {
                    result.add(object);
                }
            }
        }
        return result;
    }

    private static ObjectNode copyOf(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The " + what + " must be a JSON object.");
        }
        return ((ObjectNode) node).deepCopy();
    }
}
