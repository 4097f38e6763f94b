package dev.tessera.lineage.query.rest;

import dev.tessera.lineage.query.model.Impact;
import dev.tessera.lineage.query.model.ImpactLink;
import dev.tessera.lineage.query.model.LineageNode;
import dev.tessera.lineage.query.model.LineagePath;
import dev.tessera.lineage.query.model.Subgraph;
import dev.tessera.lineage.query.model.TraversalPage;
import dev.tessera.lineage.query.model.Unresolved;
import java.util.List;

/**
 * Turns query answers into what the API returns. Types and directions leave as their names, impact
 * links as the labels the documentation uses; everything else is carried over as it is.
 */
final class QueryResponses {

    private QueryResponses() {}

    static TraversalResponse traversal(TraversalPage page) {
        return new TraversalResponse(
                node(page.root()),
                page.direction().name(),
                page.depth(),
                page.total(),
                nodes(page.items()),
                page.next(),
                page.partial(),
                page.reason());
    }

    static ImpactResponse impact(Impact impact) {
        return new ImpactResponse(
                node(impact.root()),
                impact.depth(),
                impact.total(),
                impact.consumers().stream().map(QueryResponses::consumer).toList(),
                impact.next(),
                impact.partial(),
                impact.reason(),
                impact.products().stream().map(QueryResponses::product).toList(),
                impact.productTotal());
    }

    static PathResponse path(LineagePath path) {
        return new PathResponse(path.found(), path.hops(), nodes(path.nodes()));
    }

    static GraphExport export(Subgraph graph) {
        return new GraphExport(
                nodes(graph.nodes()),
                graph.edges().stream()
                        .map(edge -> new GraphExport.Edge(edge.from(), edge.to()))
                        .toList(),
                graph.partial(),
                graph.reason());
    }

    static UnresolvedResponse unresolved(Unresolved unresolved) {
        return new UnresolvedResponse(
                unresolved.events().stream()
                        .map(e -> new UnresolvedResponse.Event(
                                e.id(), e.kind(), e.eventType(), e.eventTime(), e.subject(), e.issues()))
                        .toList(),
                unresolved.next(),
                unresolved.inputPorts().stream()
                        .map(p -> new UnresolvedResponse.InputPort(p.productId(), p.portName(), p.contractId()))
                        .toList());
    }

    private static ImpactResponse.Consumer consumer(Impact.Consumer consumer) {
        return new ImpactResponse.Consumer(
                node(consumer.node()),
                consumer.productId(),
                domain(consumer.domain()),
                consumer.owners(),
                consumer.path(),
                consumer.link().label());
    }

    private static ImpactResponse.Product product(Impact.Product product) {
        return new ImpactResponse.Product(
                product.productId(),
                product.name(),
                domain(product.domain()),
                product.owners(),
                product.link().label(),
                product.path(),
                product.links().stream().map(ImpactLink::label).toList());
    }

    private static ImpactResponse.Domain domain(Impact.Domain domain) {
        return domain == null ? null : new ImpactResponse.Domain(domain.id(), domain.name(), domain.ownerGroup());
    }

    private static List<NodeView> nodes(List<LineageNode> nodes) {
        return nodes.stream().map(QueryResponses::node).toList();
    }

    private static NodeView node(LineageNode node) {
        return new NodeView(
                node.key(),
                node.type().name(),
                node.id(),
                node.domainId(),
                node.depth(),
                node.direction().name());
    }
}
