package dev.tessera.lineage.query.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.lineage.config.LineageConfig;
import dev.tessera.lineage.graph.Direction;
import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.lineage.graph.GraphIndex;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.Traversal;
import dev.tessera.lineage.openlineage.repository.OpenLineageEventEntity;
import dev.tessera.lineage.openlineage.repository.OpenLineageEventRepository;
import dev.tessera.lineage.product.repository.DomainEntity;
import dev.tessera.lineage.product.repository.DomainRepository;
import dev.tessera.lineage.product.repository.ProductEntity;
import dev.tessera.lineage.product.repository.ProductRepository;
import dev.tessera.lineage.query.model.Impact;
import dev.tessera.lineage.query.model.ImpactLink;
import dev.tessera.lineage.query.model.LineageNode;
import dev.tessera.lineage.query.model.LineagePath;
import dev.tessera.lineage.query.model.Subgraph;
import dev.tessera.lineage.query.model.TraversalPage;
import dev.tessera.lineage.query.model.Unresolved;
import dev.tessera.lineage.query.repository.ConsumerEdges;
import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * Lineage queries, answered from the in-memory index; the database is asked only for the few
 * details a page shows (owners, domains). Every traversal is bounded by depth, a node cap and a time
 * budget; a cut answer says so instead of failing.
 */
@ApplicationScoped
public class QueryService {

    @Inject
    GraphIndex index;

    @Inject
    LineageConfig config;

    @Inject
    ProductRepository products;

    @Inject
    DomainRepository domains;

    @Inject
    OpenLineageEventRepository events;

    @Inject
    ObjectMapper json;

    @Inject
    LineageAccess access;

    @Inject
    NodeNames names;

    @Inject
    ConsumerEdges consumerEdges;

    /** Nodes upstream, downstream or both of a node, filtered and paged. */
    public TraversalPage traverse(
            String nodeKey,
            Direction direction,
            Integer depth,
            Set<NodeType> types,
            String domain,
            Integer maxNodes,
            Integer limit,
            String cursor) {
        int root = node(nodeKey);
        int d = depth(depth);
        int from = offset(cursor);
        int size = Cursors.limit(limit);
        Traversal t = run(root, direction, d, maxNodes);
        Positions positions = types.isEmpty() && domain == null
                ? Positions.all(t)
                : Positions.matching(
                        t,
                        position -> (types.isEmpty() || types.contains(index.typeOf(t.node(position))))
                                && (domain == null || domain.equals(index.domainOf(t.node(position)))));
        int end = Math.min(from + size, positions.count());
        List<LineageNode> items = new ArrayList<>(Math.max(0, end - from));
        for (int i = from; i < end; i++) {
            items.add(view(t, positions.at(i)));
        }
        String next = end < positions.count() ? Cursors.encode(String.valueOf(end)) : null;
        return new TraversalPage(view(t, 0), direction, d, positions.count(), items, next, t.partial(), t.cut());
    }

    /**
     * Every transitive consumer of a node with its domain, owners and the path that reaches it, and
     * the products among them. Impact crosses from a dataset to the ports it serves (see {@link
     * GraphIndex#impact}), so a raw table's answer reaches the products its pipelines feed and their
     * consumers. Ownership comes from the index; the database is asked only for the products,
     * domains and port-to-product edges the page shows.
     */
    public Impact impact(
            String nodeKey, Integer depth, Set<NodeType> types, Integer maxNodes, Integer limit, String cursor) {
        int root = node(nodeKey);
        // Impact means every transitive consumer: without a depth it searches as deep as allowed.
        int d = depth == null ? config.maxDepth() : depth(depth);
        int from = offset(cursor);
        int size = Cursors.limit(limit);
        Traversal t = index.impact(root, d, cap(maxNodes), deadline());
        Positions positions = types.isEmpty()
                ? Positions.all(t)
                : Positions.matching(t, position -> types.contains(index.typeOf(t.node(position))));
        int end = Math.min(from + size, positions.count());
        List<Affected> affected = affectedProducts(t);
        List<Affected> shown = affected.subList(0, Math.min(Cursors.MAX_LIMIT, affected.size()));

        Set<ConsumerEdges.Pair> consumerSteps = new HashSet<>();
        for (int i = from; i < end; i++) {
            addConsumerStep(t, positions.at(i), consumerSteps);
        }
        for (Affected a : shown) {
            for (int p = a.position(); p > 0; p = t.parent(p)) {
                addConsumerStep(t, p, consumerSteps);
            }
        }
        Map<ConsumerEdges.Pair, Set<EdgeKind>> consumerKinds = consumerEdges.kinds(consumerSteps);

        Map<String, DomainEntity> domainCache = new HashMap<>();
        Map<String, ProductEntity> productCache = new HashMap<>();
        List<Impact.Consumer> consumers = new ArrayList<>(Math.max(0, end - from));
        for (int i = from; i < end; i++) {
            int position = positions.at(i);
            int id = t.node(position);
            String productId = index.productOf(id);
            String domainId = index.domainOf(id);
            ProductEntity product =
                    productId == null ? null : productCache.computeIfAbsent(productId, products::findById);
            consumers.add(new Impact.Consumer(
                    view(t, position),
                    productId,
                    domain(domainId, domainCache),
                    owners(product),
                    keys(t.pathTo(position)),
                    link(t, position, consumerKinds)));
        }
        preload(shown, productCache, domainCache);
        List<Impact.Product> productViews = new ArrayList<>(shown.size());
        for (Affected a : shown) {
            ProductEntity product = productCache.get(a.productId());
            String domainId = product != null && product.domainId != null
                    ? product.domainId
                    : index.domainOf(t.node(a.position()));
            List<String> path = keys(t.pathTo(a.position()));
            List<ImpactLink> links = new ArrayList<>(path.size());
            for (int p = a.position(); p > 0; p = t.parent(p)) {
                links.addFirst(link(t, p, consumerKinds));
            }
            ImpactLink link = links.getLast();
            int productNode = a.servedPort() ? index.idOf(NodeType.PRODUCT.key(a.productId())) : -1;
            if (productNode >= 0) {
                path.add(index.keyOf(productNode));
                links.add(ImpactLink.OUTPUT_PORT);
            }
            productViews.add(new Impact.Product(
                    a.productId(),
                    product == null ? null : product.name,
                    domain(domainId, domainCache),
                    owners(product),
                    link,
                    path,
                    links));
        }
        String next = end < positions.count() ? Cursors.encode(String.valueOf(end)) : null;
        return new Impact(
                view(t, 0), d, positions.count(), consumers, next, t.partial(), t.cut(), productViews, affected.size());
    }

    /**
     * A product an impact reaches, at the position of the traversal that reached it: its own node,
     * or, for a product whose port a changed dataset serves ({@code servedPort}), that port.
     */
    private record Affected(String productId, int position, boolean servedPort) {}

    /** Reads the shown products and their domains in one query each, rather than one per product. */
    private void preload(
            List<Affected> shown, Map<String, ProductEntity> productCache, Map<String, DomainEntity> domainCache) {
        List<String> ids = shown.stream()
                .map(Affected::productId)
                .filter(id -> !productCache.containsKey(id))
                .toList();
        if (!ids.isEmpty()) {
            products.list("productId in ?1", ids).forEach(p -> productCache.put(p.productId, p));
        }
        List<String> domainIds = shown.stream()
                .map(a -> productCache.get(a.productId()))
                .filter(p -> p != null && p.domainId != null && !domainCache.containsKey(p.domainId))
                .map(p -> p.domainId)
                .distinct()
                .toList();
        if (!domainIds.isEmpty()) {
            domains.list("domainId in ?1", domainIds).forEach(d -> domainCache.put(d.domainId, d));
        }
    }

    /**
     * The products a traversal reaches, nearest first, each once: products reached as nodes, and the
     * products offering ports reached from a dataset they serve. The changed product itself is not
     * among them.
     */
    private List<Affected> affectedProducts(Traversal t) {
        Map<String, Affected> affected = new LinkedHashMap<>();
        String rootProduct = index.typeOf(t.node(0)) == NodeType.PRODUCT ? index.productOf(t.node(0)) : null;
        for (int position = 1; position < t.size(); position++) {
            int id = t.node(position);
            NodeType type = index.typeOf(id);
            String productId = index.productOf(id);
            if (productId == null || productId.equals(rootProduct) || affected.containsKey(productId)) {
                continue;
            }
            if (type == NodeType.PRODUCT) {
                affected.put(productId, new Affected(productId, position, false));
            } else if (type == NodeType.PORT && crossed(t, position)) {
                affected.put(productId, new Affected(productId, position, true));
            }
        }
        return new ArrayList<>(affected.values());
    }

    /** Whether the port at a position was reached against the edge, from a dataset (or column) serving it. */
    private boolean crossed(Traversal t, int position) {
        NodeType parent = index.typeOf(t.node(t.parent(position)));
        return parent == NodeType.DATASET || parent == NodeType.COLUMN;
    }

    /** Remembers the step into a position when it goes from a port to a product: its kind is stored only. */
    private void addConsumerStep(Traversal t, int position, Set<ConsumerEdges.Pair> steps) {
        int to = t.node(position);
        int from = t.node(t.parent(position));
        if (index.typeOf(to) == NodeType.PRODUCT && index.typeOf(from) == NodeType.PORT) {
            steps.add(new ConsumerEdges.Pair(from, to));
        }
    }

    private ImpactLink link(Traversal t, int position, Map<ConsumerEdges.Pair, Set<EdgeKind>> consumerKinds) {
        int to = t.node(position);
        int from = t.node(t.parent(position));
        return ImpactLink.of(
                index.typeOf(from),
                index.typeOf(to),
                consumerKinds.getOrDefault(new ConsumerEdges.Pair(from, to), Set.of()));
    }

    private Impact.Domain domain(String domainId, Map<String, DomainEntity> cache) {
        if (domainId == null) {
            return null;
        }
        DomainEntity domain = cache.computeIfAbsent(domainId, domains::findById);
        return new Impact.Domain(
                domainId, domain == null ? null : domain.name, domain == null ? null : domain.ownerGroup);
    }

    private static List<String> owners(ProductEntity product) {
        return product == null || product.owners == null || product.owners.isBlank()
                ? List.of()
                : List.of(product.owners.split(","));
    }

    private List<String> keys(int[] path) {
        List<String> keys = new ArrayList<>(path.length + 1);
        for (int node : path) {
            keys.add(index.keyOf(node));
        }
        return keys;
    }

    /**
     * The positions of a traversal (the start excluded) that a query answers with: all of them
     * without filters (nothing is built), or those passing the filters.
     */
    private record Positions(int[] matching, int count) {
        static Positions all(Traversal t) {
            return new Positions(null, t.size() - 1);
        }

        static Positions matching(Traversal t, IntPredicate keep) {
            int[] kept = new int[t.size()];
            int n = 0;
            for (int i = 1; i < t.size(); i++) {
                if (keep.test(i)) {
                    kept[n++] = i;
                }
            }
            return new Positions(kept, n);
        }

        int at(int index) {
            return matching == null ? index + 1 : matching[index];
        }
    }

    /** A shortest path along the data flow from one node to another. */
    public LineagePath path(String fromKey, String toKey, Integer depth) {
        int from = node(fromKey);
        int to = node(toKey);
        int d = depth == null ? config.maxDepth() : depth(depth);
        int[] path = index.shortestPath(from, to, d, deadline());
        List<LineageNode> views = new ArrayList<>();
        for (int i = 0; i < path.length; i++) {
            views.add(view(path[i], i, Direction.DOWNSTREAM));
        }
        return new LineagePath(path.length > 0, Math.max(0, path.length - 1), views);
    }

    /** The subgraph around a node: the nodes a traversal reaches and the edges between them. */
    public Subgraph export(String nodeKey, Direction direction, Integer depth, Integer maxNodes) {
        int root = node(nodeKey);
        Traversal t = run(root, direction, depth(depth), maxNodes);
        List<LineageNode> views = new ArrayList<>();
        Set<Integer> members = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            views.add(view(t, i));
            members.add(t.node(i));
        }
        List<Subgraph.Edge> edges = new ArrayList<>();
        for (int member : members) {
            index.forEachSuccessor(member, target -> {
                if (members.contains(target)) {
                    edges.add(new Subgraph.Edge(index.keyOf(member), index.keyOf(target)));
                }
            });
        }
        return new Subgraph(views, edges, t.partial(), t.cut());
    }

    /** Stored events with unresolved parts, and input ports still waiting for their upstream contract. */
    public Unresolved unresolved(Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        long afterId = 0;
        if (after != null) {
            try {
                afterId = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("cursor", "the cursor was not issued by this endpoint");
            }
        }
        List<OpenLineageEventEntity> page = events.unresolvedAfter(afterId, size);
        List<Unresolved.Event> items = page.stream()
                .map(e -> new Unresolved.Event(
                        e.publicId, e.kind, e.eventType, e.eventTime, e.subjectKey, readTree(e.issues)))
                .toList();
        String next = page.size() == size ? Cursors.encode(String.valueOf(page.getLast().id)) : null;
        List<Unresolved.InputPort> inputs = products.unresolvedInputs(Cursors.MAX_LIMIT).stream()
                .map(r -> new Unresolved.InputPort((String) r[0], (String) r[1], (String) r[2]))
                .toList();
        return new Unresolved(items, next, inputs);
    }

    /**
     * A stored OpenLineage event exactly as received, by the random id its ingest answered with;
     * 403 unless the caller may read raw events of its sender. An id that is not a UUID names no event.
     */
    public JsonNode event(String id) {
        UUID publicId;
        try {
            publicId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No OpenLineage event " + id + ".");
        }
        OpenLineageEventEntity event = events.findByPublicId(publicId)
                .orElseThrow(() -> ApiException.notFound("No OpenLineage event " + id + "."));
        access.requireRawEventRead(event.producerSubject);
        return readTree(event.raw);
    }

    private Traversal run(int root, Direction direction, int depth, Integer maxNodes) {
        return index.traverse(root, direction, depth, cap(maxNodes), deadline());
    }

    /** Nodes a traversal may collect, the start included: the configured cap, or one more than asked. */
    private int cap(Integer maxNodes) {
        if (maxNodes == null) {
            return config.maxNodes();
        }
        if (maxNodes < 1 || maxNodes > config.maxNodes()) {
            throw ApiException.invalidField(
                    "maxNodes", "maxNodes must be between 1 and " + config.maxNodes() + "; was " + maxNodes);
        }
        return maxNodes + 1;
    }

    private long deadline() {
        return System.nanoTime() + config.timeBudget().toNanos();
    }

    private int node(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.invalidField(
                    "node", "name a node as TYPE:id, e.g. DATASET:postgres://db:5432/shop.public.orders");
        }
        int colon = key.indexOf(':');
        if (colon < 1 || NodeType.parse(key.substring(0, colon)).isEmpty()) {
            throw ApiException.invalidField(
                    "node", "'" + key + "' is not TYPE:id with TYPE one of " + Arrays.toString(NodeType.values()));
        }
        NodeType type = NodeType.parse(key.substring(0, colon)).orElseThrow();
        return names.idOf(type, type.key(key.substring(colon + 1)));
    }

    private int depth(Integer depth) {
        if (depth == null) {
            return config.defaultDepth();
        }
        if (depth < 1 || depth > config.maxDepth()) {
            throw ApiException.invalidField(
                    "depth", "depth must be between 1 and " + config.maxDepth() + " (the maximum); was " + depth);
        }
        return depth;
    }

    private static int offset(String cursor) {
        String decoded = Cursors.decode(cursor);
        if (decoded == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(decoded));
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "the cursor was not issued by this endpoint");
        }
    }

    private LineageNode view(Traversal t, int position) {
        return view(t.node(position), t.depth(position), t.directionAt(position));
    }

    private LineageNode view(int id, int depth, Direction direction) {
        String key = index.keyOf(id);
        NodeType type = index.typeOf(id);
        return new LineageNode(
                key, type, key.substring(type.name().length() + 1), index.domainOf(id), depth, direction);
    }

    private JsonNode readTree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }
}
