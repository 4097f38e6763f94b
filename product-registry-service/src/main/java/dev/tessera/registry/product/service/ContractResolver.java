package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.standards.descriptor.DescriptorCodec;
import dev.tessera.standards.descriptor.DescriptorParser;
import dev.tessera.standards.input.BoundedTreeReader;
import dev.tessera.standards.text.UserText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every output port that names a contract by {@code contractId} the contract itself, so that what is stored is
 * always a descriptor with its contracts inline (ADR 0001), however they were sent.
 *
 * <p>A port's contract comes, in this order, from its inline {@code contract}; from the bundle document whose
 * {@code id} equals the port's {@code contractId}; or, when the {@code contractId} is unchanged, from the version the
 * write builds on, which keeps the contract that version's port carries. A {@code contractId} none of these resolves
 * is refused, except in an ODPS import, where it stays a reference to a contract kept elsewhere.
 */
@ApplicationScoped
public class ContractResolver {

    private static final String OUTPUT_PORTS = "outputPorts";
    private static final String CONTRACT_ID = "contractId";
    private static final Pattern CONTRACT_PATH = Pattern.compile("/outputPorts/(\\d+)/contract(/.*)?");

    /**
     * Most characters of keys and values the assembled descriptor may hold: what one descriptor body may hold. A
     * contract named by many ports is copied onto each, so without this bound a small body could grow without limit.
     */
    private static final long MAX_TREE_CHARS = BoundedTreeReader.Limits.DOCUMENTS.maxTreeChars();

    /** A contract nested in a descriptor sits three levels down: the root, {@code outputPorts}, the port. */
    private static final int DEPTH_IN_DESCRIPTOR = 3;

    /**
     * Attaches each bundled contract to every output port of {@code descriptor} whose {@code contractId} equals the
     * contract's {@code id}. Nothing is attached unless every document is usable.
     *
     * @param contracts the bundle's contract documents; document {@code i + 1} of the bundle is {@code contracts[i]}
     * @return for each port given a contract, the index of its bundle document
     * @throws ApiException (400) naming {@code /documents/<i>} for a contract no port names, two contracts with one id,
     *     a contract without an id, a second product, or a contract that would nest too deep
     */
    public Map<Integer, Integer> attachBundle(ObjectNode descriptor, List<JsonNode> contracts) {
        if (contracts.isEmpty()) {
            return Map.of();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Integer> documentOf = new LinkedHashMap<>();
        for (int i = 0; i < contracts.size(); i++) {
            int document = i + 1;
            JsonNode contract = contracts.get(i);
            String at = "/documents/" + document;
            if ("DataProduct".equals(contract.path("kind").textValue())) {
                errors.add(new Problem.FieldError(
                        at + "/kind",
                        "a bundle holds one product, as its first document; document " + document
                                + " is a DataProduct too. Send each product in its own call."));
                continue;
            }
            JsonNode id = contract.get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                errors.add(new Problem.FieldError(
                        at + "/id",
                        "a contract in a bundle needs an id: the output port that offers it names that id in"
                                + " contractId"));
                continue;
            }
            Integer earlier = documentOf.putIfAbsent(id.asText(), document);
            if (earlier != null) {
                errors.add(new Problem.FieldError(
                        at + "/id",
                        "contract " + UserText.quote(id.asText()) + " is also document " + earlier
                                + "; send each contract once"));
            }
            int depth = depth(contract);
            if (depth + DEPTH_IN_DESCRIPTOR > DescriptorParser.MAX_DEPTH) {
                errors.add(new Problem.FieldError(
                        at,
                        "the contract nests " + depth + " levels; on its port inside the descriptor that is deeper"
                                + " than the limit of " + DescriptorParser.MAX_DEPTH + ". Flatten it to at most "
                                + (DescriptorParser.MAX_DEPTH - DEPTH_IN_DESCRIPTOR) + " levels."));
            }
        }
        List<ObjectNode> ports = outputPorts(descriptor);
        Map<Integer, Integer> attached = new LinkedHashMap<>();
        Set<String> named = new LinkedHashSet<>();
        for (int p = 0; p < ports.size(); p++) {
            JsonNode contractId = ports.get(p).get(CONTRACT_ID);
            if (contractId == null || !contractId.isTextual()) {
                continue;
            }
            Integer document = documentOf.get(contractId.asText());
            if (document == null) {
                continue;
            }
            named.add(contractId.asText());
            if (ports.get(p).has(DescriptorCodec.CONTRACT)) {
                errors.add(new Problem.FieldError(
                        "/outputPorts/" + p + "/contract",
                        "the port carries contract " + UserText.quote(contractId.asText())
                                + " inline and bundle document " + document
                                + " holds it too; send it once, inline or as a document"));
                continue;
            }
            attached.put(p, document);
        }
        documentOf.forEach((id, document) -> {
            if (!named.contains(id)) {
                errors.add(new Problem.FieldError(
                        "/documents/" + document + "/id",
                        "no output port has contractId " + UserText.quote(id)
                                + "; set it on the port that offers this contract, or leave the document out"));
            }
        });
        if (errors.isEmpty()) {
            long size = treeChars(descriptor);
            Map<Integer, Long> sizes = new HashMap<>();
            for (var attachment : attached.entrySet()) {
                size += sizes.computeIfAbsent(attachment.getValue(), d -> treeChars(contracts.get(d - 1)));
                if (size > MAX_TREE_CHARS) {
                    errors.add(tooLarge(attachment.getKey()));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(Problem.FieldError::path));
            throw ApiException.validation(
                    "The bundle has " + errors.size() + " problem(s); documents count from 0, the product.", errors);
        }
        attached.forEach((p, document) -> ports.get(p)
                .set(DescriptorCodec.CONTRACT, contracts.get(document - 1).deepCopy()));
        return attached;
    }

    /**
     * Completes the ports that name a contract without carrying it, from {@code base}, and reports every port's
     * contract.
     *
     * @param bundled what {@link #attachBundle} returned
     * @param base the descriptor of the version the write builds on (the version itself when it exists, else the
     *     newest), or null for a new product
     * @param baseVersion that version's number, or null
     * @throws ApiException (400) naming {@code /outputPorts/<i>/contractId} for a contract this request does not carry
     *     and the base version does not know, unless {@code form} is an ODPS import
     */
    public List<PortContract> resolve(
            ObjectNode descriptor,
            Map<Integer, Integer> bundled,
            JsonNode base,
            String baseVersion,
            Submission.Form form) {
        Map<String, JsonNode> baseContracts = new HashMap<>();
        Set<String> baseReferences = new java.util.HashSet<>();
        if (base != null) {
            for (ObjectNode port : outputPorts(base)) {
                JsonNode contract = port.get(DescriptorCodec.CONTRACT);
                String id = contract == null ? null : contract.path("id").textValue();
                if (id != null) {
                    baseContracts.putIfAbsent(id, contract);
                }
                String reference = port.path(CONTRACT_ID).textValue();
                if (reference != null) {
                    baseReferences.add(reference);
                }
            }
        }
        List<PortContract> result = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<Integer, JsonNode> kept = new LinkedHashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        long size = treeChars(descriptor);
        boolean tooLarge = false;
        List<ObjectNode> ports = outputPorts(descriptor);
        for (int p = 0; p < ports.size(); p++) {
            ObjectNode port = ports.get(p);
            String name = port.path("name").asText("");
            String version = port.path("version").asText("");
            JsonNode contract = port.get(DescriptorCodec.CONTRACT);
            String contractId = port.path(CONTRACT_ID).textValue();
            if (contract != null) {
                String id =
                        contractId != null ? contractId : contract.path("id").asText(null);
                result.add(
                        bundled.containsKey(p)
                                ? PortContract.bundled(name, version, p, id, bundled.get(p))
                                : PortContract.inline(name, version, p, id));
            } else if (contractId == null) {
                continue;
            } else if (baseContracts.containsKey(contractId)) {
                size += sizes.computeIfAbsent(contractId, c -> treeChars(baseContracts.get(c)));
                if (size > MAX_TREE_CHARS && !tooLarge) {
                    errors.add(tooLarge(p));
                    tooLarge = true;
                }
                kept.put(p, baseContracts.get(contractId));
                result.add(PortContract.kept(name, version, p, contractId, baseVersion));
            } else if (baseReferences.contains(contractId) || form == Submission.Form.ODPS_IMPORT) {
                result.add(PortContract.reference(name, version, p, contractId));
            } else {
                errors.add(new Problem.FieldError(
                        "/outputPorts/" + p + "/" + CONTRACT_ID,
                        "contract " + UserText.quote(contractId) + " is not in this request and "
                                + (baseVersion == null
                                        ? "the product has no earlier version that carries it"
                                        : "version " + baseVersion + " carries no contract with that id")
                                + ". Send the contract: inline under the port's contract, or in a bundle (this product"
                                + " as the first YAML document, then the contract as a document of its own)."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(
                    tooLarge
                            ? "The descriptor would be too large with the contracts its ports keep; each entry in"
                                    + " `errors` names a port."
                            : errors.size() + " output port(s) name a contract the registry does not have; each"
                                    + " entry in `errors` names the port.",
                    errors);
        }
        // Only now that the size is known, and each port its own copy: the descriptor is stored as one tree.
        kept.forEach((p, contract) -> ports.get(p).set(DescriptorCodec.CONTRACT, contract.deepCopy()));
        return result;
    }

    /**
     * The same validation problem with every field inside a bundled contract pointed at its bundle document
     * ({@code /outputPorts/0/contract/schema/0} becomes {@code /documents/1/schema/0}), where the owner wrote it.
     */
    public ApiException inDocuments(ApiException problem, Map<Integer, Integer> bundled) {
        if (bundled.isEmpty() || problem.errors().isEmpty()) {
            return problem;
        }
        Set<Problem.FieldError> errors = new LinkedHashSet<>();
        for (Problem.FieldError error : problem.errors()) {
            Matcher matcher = CONTRACT_PATH.matcher(error.path());
            Integer document = matcher.matches() ? bundled.get(Integer.parseInt(matcher.group(1))) : null;
            errors.add(
                    document == null
                            ? error
                            : new Problem.FieldError(
                                    "/documents/" + document + (matcher.group(2) == null ? "" : matcher.group(2)),
                                    error.message()));
        }
        return new ApiException(problem.type(), problem.getMessage(), List.copyOf(errors), problem.extensions());
    }

    private static Problem.FieldError tooLarge(int port) {
        return new Problem.FieldError(
                "/outputPorts/" + port + "/contractId",
                "with this port's contract the descriptor holds more than " + MAX_TREE_CHARS
                        + " characters of keys and values, the limit for one descriptor; fewer ports should share"
                        + " a large contract");
    }

    /** Characters of every key and scalar, at least one per value: how {@link BoundedTreeReader} sizes a tree. */
    private static long treeChars(JsonNode node) {
        if (node.isValueNode()) {
            return Math.max(1, node.asText().length());
        }
        long chars = 1;
        if (node.isObject()) {
            for (var field : node.properties()) {
                chars += field.getKey().length() + treeChars(field.getValue());
            }
        } else {
            for (JsonNode item : node) {
                chars += treeChars(item);
            }
        }
        return chars;
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                deepest = Math.max(deepest, depth(child));
            }
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    private static List<ObjectNode> outputPorts(JsonNode descriptor) {
        List<ObjectNode> result = new ArrayList<>();
        if (descriptor.get(OUTPUT_PORTS) instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (JsonNode port : array) {
                if (port instanceof ObjectNode object) {
                    result.add(object);
                }
            }
        }
        return result;
    }
}
