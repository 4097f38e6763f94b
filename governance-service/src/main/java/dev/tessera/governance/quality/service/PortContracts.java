package dev.tessera.governance.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.tessera.governance.quality.rules.ContractRule;
import dev.tessera.governance.quality.rules.ContractRules;
import dev.tessera.governance.quality.rules.FreshnessSla;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The contract each output port of a product is held to: the port's contract in the latest
 * published version when that version has the port, else in the head version. Rules and SLAs are
 * read once per port and kept; a contract whose rules cannot be read counts as stating none, so
 * that one odd contract never stops the observations of every other product. The port contracts are
 * fixed once built; the rules and SLAs read from them are safe to read from several threads.
 */
public final class PortContracts {

    private static final Logger LOG = Logger.getLogger(PortContracts.class);

    private final String productId;
    private final Map<String, JsonNode> contracts = new LinkedHashMap<>();
    // Read lazily, possibly by several threads at once: a PortContracts is kept across batches.
    private final Map<String, List<ContractRule>> rules = new ConcurrentHashMap<>();
    private final Map<String, Optional<FreshnessSla>> slas = new ConcurrentHashMap<>();

    private PortContracts(String productId) {
        this.productId = productId;
    }

    /** The ports of a stored product state payload ({@code ProductStateV1}); none for null. */
    public static PortContracts of(String productId, JsonNode state) {
        PortContracts ports = new PortContracts(productId);
        if (state != null) {
            ports.addPorts(state.path("publishedDescriptor"));
            ports.addPorts(state.path("descriptor"));
        }
        return ports;
    }

    private void addPorts(JsonNode descriptor) {
        for (JsonNode port : descriptor.path("outputPorts")) {
            String name = port.path("name").asText(null);
            if (name != null && !name.isBlank()) {
                contracts.putIfAbsent(
                        name, port.path("contract").isObject() ? port.get("contract") : NullNode.getInstance());
            }
        }
    }

    /** Every output port name, published ones first. */
    public Set<String> ports() {
        return contracts.keySet();
    }

    public boolean has(String port) {
        return contracts.containsKey(port);
    }

    /** The rules of the port's contract; empty for an unknown port or a contract without rules. */
    public List<ContractRule> rules(String port) {
        return rules.computeIfAbsent(port, p -> {
            JsonNode contract = contracts.get(p);
            if (contract == null || contract.isNull()) {
                return List.of();
            }
            try {
                return List.copyOf(ContractRules.of(contract));
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Ignoring the quality rules of %s/%s, which cannot be read: %s", productId, p, e.getMessage());
                return List.of();
            }
        });
    }

    /** The port's freshness SLA; empty when its contract states none. */
    public Optional<FreshnessSla> sla(String port) {
        return slas.computeIfAbsent(port, p -> {
            JsonNode contract = contracts.get(p);
            if (contract == null || contract.isNull()) {
                return Optional.empty();
            }
            try {
                return FreshnessSla.of(contract);
            } catch (RuntimeException e) {
                LOG.warnf("Ignoring the SLA of %s/%s, which cannot be read: %s", productId, p, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * The rule a pushed result names: by checkId, the rule's own id, or its name (in that order).
     */
    public Optional<ContractRule> rule(String port, String check) {
        List<ContractRule> all = rules(port);
        return all.stream()
                .filter(r -> check.equals(r.checkId()))
                .findFirst()
                .or(() -> all.stream().filter(r -> check.equals(r.ruleId())).findFirst())
                .or(() -> all.stream().filter(r -> check.equals(r.name())).findFirst());
    }
}
