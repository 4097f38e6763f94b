package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.registry.access.repository.AccessGrantEntity;
import dev.tessera.registry.access.repository.AccessGrantRepository;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductRepository;
import dev.tessera.registry.product.repository.ProductVersionRepository;
import dev.tessera.standards.contract.Finding;
import dev.tessera.standards.descriptor.DescriptorView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a breaking change hits. A finding's path names the output port it is in
 * ({@code outputPorts[orders-table].contract...}); the port's consumers are the products whose input
 * ports name its published contract id (declared in their descriptors, which the registry stores) and
 * the holders of an ACTIVE access grant to the port (from governance's {@code tessera.access}).
 */
@ApplicationScoped
public class AffectedConsumers {

    /** The link through which a product consumes a port, named as lineage names it. */
    public enum Link {
        INPUT_PORT("a declared input port"),
        ACCESS_GRANT("an access grant");

        private final String words;

        Link(String words) {
            this.words = words;
        }

        /** The link in words, for sentences. */
        public String words() {
            return words;
        }
    }

    /**
     * One consumer of a changed port.
     *
     * @param productId the consuming product; null for a grant held by someone for no product
     * @param domainId its domain, when known
     * @param owners usernames of its team members with role {@code owner}; for a grant with no product,
     *     the grant's holder
     * @param link how it consumes the port
     * @param port the port it consumes
     */
    public record Consumer(String productId, String domainId, List<String> owners, Link link, String port) {

        /** The consumer in words: {@code revenue (domain finance, owners fay, through a declared input port)}. */
        public String describe() {
            String who = productId != null ? productId : "a consumer with no product";
            return who + " (domain " + (domainId == null ? "unknown" : domainId)
                    + (owners.isEmpty() ? ", no owner named" : ", owners " + String.join(", ", owners))
                    + ", through " + link.words() + " to port " + port + ")";
        }
    }

    /**
     * A breaking finding and the consumers it hits.
     *
     * @param rule the finding's rule
     * @param path where the change is
     * @param message what changed
     * @param port the output port the change is in; null when the path names none
     * @param consumers who consumes that port, possibly nobody
     */
    public record Hit(String rule, String path, String message, String port, List<Consumer> consumers) {}

    private static final String PORT_PREFIX = "outputPorts[";

    @Inject
    ProductVersionRepository versions;

    @Inject
    ProductRepository products;

    @Inject
    AccessGrantRepository grants;

    @Inject
    ProductMapper mapper;

    /** The consumers each breaking finding of {@code productId}'s change hits, against its published descriptor. */
    public List<Hit> of(String productId, JsonNode published, List<Finding> breaking) {
        DescriptorView view = new DescriptorView(published);
        Map<String, List<Consumer>> byPort = new LinkedHashMap<>();
        List<Hit> hits = new ArrayList<>();
        for (Finding finding : breaking) {
            String port = portOf(finding.path());
            List<Consumer> consumers =
                    port == null ? List.of() : byPort.computeIfAbsent(port, p -> consumersOf(productId, view, p));
            hits.add(new Hit(finding.rule(), finding.path(), finding.message(), port, consumers));
        }
        return hits;
    }

    private List<Consumer> consumersOf(String productId, DescriptorView view, String port) {
        Set<String> contracts = new LinkedHashSet<>();
        for (DescriptorView.OutputPortView p : view.outputPorts()) {
            if (port.equals(p.name()) && p.contractId() != null) {
                contracts.add(p.contractId());
            }
        }
        List<Consumer> consumers = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        for (String contractId : contracts) {
            for (ProductVersionRepository.DeclaredConsumer c : versions.declaringInput(contractId, productId)) {
                if (declared.add(c.productId())) {
                    consumers.add(new Consumer(
                            c.productId(),
                            c.domainId(),
                            owners(mapper.read(c.descriptorJson())),
                            Link.INPUT_PORT,
                            port));
                }
            }
        }
        for (AccessGrantEntity grant : grants.activeOn(productId, port)) {
            consumers.add(grantHolder(grant, port));
        }
        return List.copyOf(consumers);
    }

    private Consumer grantHolder(AccessGrantEntity grant, String port) {
        if (grant.consumerProductId == null) {
            return new Consumer(null, grant.consumerDomainId, List.of(grant.consumerSubject), Link.ACCESS_GRANT, port);
        }
        ProductEntity product = products.findById(grant.consumerProductId);
        String domain = product != null ? product.domainId : grant.consumerDomainId;
        List<String> owners = versions.newest(grant.consumerProductId)
                .map(v -> owners(mapper.descriptor(v)))
                .orElse(List.of());
        return new Consumer(grant.consumerProductId, domain, owners, Link.ACCESS_GRANT, port);
    }

    /** Usernames (else names) of the team members whose role is owner. */
    static List<String> owners(JsonNode descriptor) {
        List<String> owners = new ArrayList<>();
        for (JsonNode member : descriptor.path("team").path("members")) {
            if (!"owner".equalsIgnoreCase(member.path("role").asText())) {
                continue;
            }
            String name = member.path("username").isTextual()
                    ? member.get("username").asText()
                    : member.path("name").asText(null);
            if (name != null) {
                owners.add(name);
            }
        }
        return List.copyOf(owners);
    }

    /** The port name a finding's path starts with ({@code outputPorts[name@1.0.0]...}), or null. */
    static String portOf(String path) {
        if (path == null || !path.startsWith(PORT_PREFIX)) {
            return null;
        }
        int end = PORT_PREFIX.length();
        while (end < path.length() && "]@#".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        return end == PORT_PREFIX.length() ? null : path.substring(PORT_PREFIX.length(), end);
    }
}
