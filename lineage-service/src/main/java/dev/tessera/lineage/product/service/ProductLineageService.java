package dev.tessera.lineage.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.Topics;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.events.domain.DomainStateV1;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.EdgeEntity;
import dev.tessera.lineage.graph.repository.EdgeRepository;
import dev.tessera.lineage.graph.service.DatasetResolver;
import dev.tessera.lineage.graph.service.GraphWriter;
import dev.tessera.lineage.graph.service.NodeRef;
import dev.tessera.lineage.product.repository.ConsumedEventRepository;
import dev.tessera.lineage.product.repository.DomainEntity;
import dev.tessera.lineage.product.repository.DomainRepository;
import dev.tessera.lineage.product.repository.ProductEntity;
import dev.tessera.lineage.product.repository.ProductRepository;
import dev.tessera.lineage.usage.model.Publication;
import dev.tessera.lineage.usage.service.UsageSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Product lineage from the platform's own events. A product's descriptor says which ports it offers
 * (product -> port), which contracts those ports carry, which physical datasets serve them
 * (port -> dataset, see {@link PortDatasets}) and which upstream contracts its input ports read
 * (upstream port -> product). Access grants add port -> consuming product while ACTIVE. Usage
 * ({@link UsageSources}) learns declared and granted consumers in the same transactions.
 *
 * <p>Each product event carries the full state, so the edges a product derives are recomputed and
 * diffed: what the new state no longer implies disappears. Every method claims the event first, in
 * the same transaction, so redeliveries and stale states change nothing.
 */
@ApplicationScoped
public class ProductLineageService {

    private static final List<String> PRODUCT_EDGE_KINDS =
            List.of(EdgeKind.OUTPUT_PORT.name(), EdgeKind.PORT_DATASET.name(), EdgeKind.INPUT_PORT.name());

    @Inject
    ConsumedEventRepository consumed;

    @Inject
    ProductRepository products;

    @Inject
    DomainRepository domains;

    @Inject
    EdgeRepository edges;

    @Inject
    GraphWriter writer;

    @Inject
    DatasetResolver datasets;

    @Inject
    UsageSources usage;

    /** Applies one product state; false when the event was already applied or is stale. */
    @Transactional
    public boolean onProduct(String eventId, ProductStateV1 state) {
        if (!consumed.claim(Topics.PRODUCTS, eventId, state.productId(), state.sequence())) {
            return false;
        }
        String productId = state.productId();
        String domainId = state.domainId();
        JsonNode descriptor = state.descriptor();
        Set<String> providersBefore = usage.providersOf(productId);
        rememberProduct(state, descriptor);

        NodeRef product = writer.node(NodeType.PRODUCT, productId, productId, domainId);
        Set<String> wanted = new HashSet<>();
        Set<String> offered = new HashSet<>();
        for (JsonNode port : descriptor == null ? List.<JsonNode>of() : iterable(descriptor.path("outputPorts"))) {
            String portName = text(port, "name");
            if (portName == null) {
                continue;
            }
            NodeRef portNode = writer.node(NodeType.PORT, productId + "/" + portName, productId, domainId);
            String key = outputPortKey(productId, portName);
            wanted.add(key);
            writer.addEdge(key, product, portNode, EdgeKind.OUTPUT_PORT, null, productId);
            String contractId = contractId(port);
            if (contractId != null) {
                offered.add(contractId);
                products.offerContract(contractId, portNode.id(), productId);
                linkWaitingConsumers(contractId, portNode);
            }
            for (String dataset : PortDatasets.of(port.path("contract"))) {
                NodeRef datasetNode = datasets.resolve(dataset, List.of()).node();
                datasetNode = writer.node(NodeType.DATASET, datasetNode.name(), productId, domainId);
                String datasetKey = "PD|" + productId + "|" + portName + "|" + datasetNode.key();
                wanted.add(datasetKey);
                writer.addEdge(datasetKey, portNode, datasetNode, EdgeKind.PORT_DATASET, null, productId);
            }
        }
        List<String[]> inputs = new ArrayList<>();
        for (JsonNode port : descriptor == null ? List.<JsonNode>of() : iterable(descriptor.path("inputPorts"))) {
            String portName = text(port, "name");
            String contractId = text(port, "contractId");
            if (portName == null || contractId == null) {
                continue;
            }
            inputs.add(new String[] {portName, contractId});
            String key = inputPortKey(productId, portName, contractId);
            var upstream = products.portOfContract(contractId);
            if (upstream.isPresent()) {
                wanted.add(key);
                writer.addEdge(key, writer.ref(upstream.get()), product, EdgeKind.INPUT_PORT, null, productId);
            }
        }
        products.replaceInputs(productId, inputs);
        for (EdgeEntity edge : edges.presentFromOrigin(productId, PRODUCT_EDGE_KINDS)) {
            if (!wanted.contains(edge.edgeKey)) {
                writer.removeEdge(edge.edgeKey);
            }
        }
        for (Object[] withdrawn : products.withdrawContractsExcept(productId, offered)) {
            int portNode = ((Number) withdrawn[1]).intValue();
            for (EdgeEntity edge : edges.presentFrom(portNode, EdgeKind.INPUT_PORT)) {
                writer.removeEdge(edge.edgeKey);
            }
        }
        usage.productApplied(productId, providersBefore);
        return true;
    }

    /** Applies one access request state: an ACTIVE grant is an edge, any other state removes it. */
    @Transactional
    public boolean onAccess(String eventId, AccessRequestStateV1 state) {
        if (!consumed.claim(Topics.ACCESS, eventId, state.requestId(), state.sequence())) {
            return false;
        }
        String key = "AG|" + state.requestId();
        AccessRequestStateV1.Consumer consumer = state.consumer();
        boolean active = "ACTIVE".equals(state.status());
        if (active && consumer != null && consumer.productId() != null && state.portName() != null) {
            NodeRef provider =
                    writer.node(NodeType.PRODUCT, state.productId(), state.productId(), state.productDomainId());
            NodeRef port = writer.node(
                    NodeType.PORT,
                    state.productId() + "/" + state.portName(),
                    state.productId(),
                    state.productDomainId());
            writer.addEdge(
                    outputPortKey(state.productId(), state.portName()),
                    provider,
                    port,
                    EdgeKind.OUTPUT_PORT,
                    null,
                    state.productId());
            NodeRef target =
                    writer.node(NodeType.PRODUCT, consumer.productId(), consumer.productId(), consumer.domainId());
            writer.addEdge(key, port, target, EdgeKind.ACCESS_GRANT, null, state.requestId());
        } else if (!active) {
            writer.removeEdge(key);
        }
        usage.accessApplied(state);
        return true;
    }

    /** Remembers a domain and its owner group, which impact analysis reports. */
    @Transactional
    public boolean onDomain(String eventId, DomainStateV1 state) {
        if (!consumed.claim(Topics.DOMAINS, eventId, state.domainId(), state.sequence())) {
            return false;
        }
        DomainEntity domain = domains.findById(state.domainId());
        if (domain == null) {
            domain = new DomainEntity();
            domain.domainId = state.domainId();
            domains.persist(domain);
        }
        domain.name = state.name();
        domain.ownerGroup = state.ownerGroup();
        return true;
    }

    private void rememberProduct(ProductStateV1 state, JsonNode descriptor) {
        ProductEntity product = products.findById(state.productId());
        if (product == null) {
            product = new ProductEntity();
            product.productId = state.productId();
            products.persist(product);
        }
        product.domainId = state.domainId();
        product.name = state.name();
        product.publishedAt = Publication.after(state, product.publishedAt);
        product.owners = descriptor == null
                ? null
                : iterable(descriptor.path("team").path("members")).stream()
                        .map(m -> text(m, "username"))
                        .filter(u -> u != null)
                        .collect(Collectors.joining(","));
    }

    /** Products that declared an input port on this contract before anyone offered it get their edge now. */
    private void linkWaitingConsumers(String contractId, NodeRef port) {
        for (Object[] input : products.inputsNaming(contractId)) {
            String consumerId = (String) input[0];
            ProductEntity consumer = products.findById(consumerId);
            NodeRef consumerNode =
                    writer.node(NodeType.PRODUCT, consumerId, consumerId, consumer == null ? null : consumer.domainId);
            writer.addEdge(
                    inputPortKey(consumerId, (String) input[1], contractId),
                    port,
                    consumerNode,
                    EdgeKind.INPUT_PORT,
                    null,
                    consumerId);
        }
    }

    private static String outputPortKey(String productId, String portName) {
        return "OUT|" + productId + "|" + portName;
    }

    private static String inputPortKey(String productId, String portName, String contractId) {
        return "IN|" + productId + "|" + portName + "|" + contractId;
    }

    /** ODPS names the contract in {@code contractId}; an inline ODCS contract carries it as {@code id}. */
    private static String contractId(JsonNode port) {
        String id = text(port, "contractId");
        return id != null ? id : text(port.path("contract"), "id");
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(list::add);
        }
        return list;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.asText().isBlank() ? null : value.asText();
    }
}
