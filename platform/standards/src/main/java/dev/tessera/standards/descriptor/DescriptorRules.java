package dev.tessera.standards.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.Violation;
import dev.tessera.standards.contract.SemanticVersion;
import dev.tessera.standards.text.UserText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Tessera asks of a descriptor beyond the ODPS and ODCS schemas, decided from the document alone: a semantic
 * version, an owning domain, output and input ports unique by name and version, and a {@code contractId} that agrees
 * with the inline contract. Rules that need the registry's state (the domain exists, a contract id belongs to one
 * product) are the registry's.
 *
 * <p>The registry refuses a descriptor with any of these violations and the command line reports the same ones, so a
 * file that lints clean is never refused for its content. Thread-safe; create once and share.
 */
public final class DescriptorRules {

    private final DescriptorCodec codec;

    public DescriptorRules(DescriptorCodec codec) {
        this.codec = codec;
    }

    /**
     * Every violation of the schemas and of Tessera's rules, sorted by path; empty when the descriptor is acceptable.
     *
     * @param descriptor an ODPS product with inline ODCS contracts on its output ports
     */
    public List<Violation> check(JsonNode descriptor) {
        List<Violation> violations = new ArrayList<>(codec.validateDescriptor(descriptor));
        JsonNode version = descriptor.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            violations.add(new Violation("/version", "a semantic version such as 1.0.0 is required"));
        } else {
            try {
                SemanticVersion.parse(version.asText());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("/version", e.getMessage()));
            }
        }
        JsonNode domain = descriptor.get("domain");
        if (domain == null || !domain.isTextual() || domain.asText().isBlank()) {
            violations.add(new Violation("/domain", "name the owning domain"));
        }
        duplicates(descriptor.path("outputPorts"), "/outputPorts", violations);
        duplicates(descriptor.path("inputPorts"), "/inputPorts", violations);
        JsonNode outputs = descriptor.path("outputPorts");
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode port = outputs.get(i);
            JsonNode contractId = port.get("contractId");
            JsonNode contract = port.path("contract").path("id");
            if (contractId != null
                    && contractId.isTextual()
                    && contract.isTextual()
                    && !contractId.asText().equals(contract.asText())) {
                violations.add(new Violation(
                        "/outputPorts/" + i + "/contractId",
                        "contractId " + UserText.quote(contractId.asText()) + " differs from the inline contract's id "
                                + UserText.quote(contract.asText())));
            }
        }
        violations.sort(Comparator.comparing(Violation::path));
        return violations;
    }

    /** As in ODPS, name and version together identify a port; the same pair twice is ambiguous. */
    private static void duplicates(JsonNode ports, String base, List<Violation> violations) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode name = ports.get(i).path("name");
            String version = ports.get(i).path("version").asText("");
            if (name.isTextual() && !seen.add(name.asText() + "\u0000" + version)) {
                violations.add(new Violation(
                        base + "/" + i + "/name",
                        "port " + UserText.quote(name.asText()) + " version " + UserText.quote(version)
                                + " is listed twice; name and version together must be unique"));
            }
        }
    }
}
