package dev.tessera.governance.quality.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.events.quality.QualityStatusV1;
import dev.tessera.governance.evaluation.service.EvaluationService;
import dev.tessera.governance.evaluation.service.Trigger;
import dev.tessera.governance.quality.repository.QualityResultStore;
import dev.tessera.governance.quality.repository.QualityResultStore.ProductState;
import dev.tessera.governance.quality.repository.QualityStatusStore;
import dev.tessera.governance.quality.repository.QualityStatusStore.PortRow;
import dev.tessera.governance.quality.repository.QualityStatusStore.ProductRow;
import dev.tessera.governance.quality.rules.Verdict.Outcome;
import dev.tessera.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Records check results and decides port and product statuses. Every entry point is one
 * transaction: the results, the decided statuses, the incidents, the status-changed events (through
 * the outbox) and the re-evaluation of every product whose status changed commit together.
 *
 * <p>Statuses depend only on the latest result of each check, the latest write and the clock, so
 * redelivered or reordered observations decide the same status. An event is sent when a port's
 * status changes, one per product and change, never one per check.
 */
@ApplicationScoped
public class QualityRecorder {

    @Inject
    QualityResultStore resultStore;

    @Inject
    QualityStatusStore statusStore;

    @Inject
    QualityClock clock;

    @Inject
    Outbox outbox;

    @Inject
    EvaluationService evaluations;

    @Inject
    ContractCache contractCache;

    @Inject
    ObjectMapper json;

    /** What deciding a set of products changed. */
    public record Decided(Map<String, List<PortDecision>> ports, Set<String> changed) {}

    /**
     * Applies a batch of observations: observations seen before (by id) are skipped, unmapped ones
     * counted per dataset, mapped ones turned into check results for each of their ports.
     */
    @Transactional
    public Decided apply(List<QualityObservationV1> batch) {
        Map<String, QualityObservationV1> byId = new LinkedHashMap<>();
        for (QualityObservationV1 o : batch) {
            if (o != null && o.observationId() != null && o.observedAt() != null) {
                byId.putIfAbsent(o.observationId(), o);
            }
        }
        Set<String> fresh = resultStore.firstSeen(byId.keySet());
        List<QualityObservationV1> mapped = new ArrayList<>();
        Map<String, QualityResultStore.Unmapped> unmapped = new LinkedHashMap<>();
        for (QualityObservationV1 o : byId.values()) {
            if (!fresh.contains(o.observationId())) {
                continue;
            }
            if (o.productId() == null || o.ports() == null || o.ports().isEmpty()) {
                foldUnmapped(unmapped, o);
            } else {
                mapped.add(o);
            }
        }
        resultStore.recordUnmapped(List.copyOf(unmapped.values()));

        Set<String> productIds =
                mapped.stream().map(QualityObservationV1::productId).collect(Collectors.toSet());
        Products products = products(productIds);
        Map<String, ProductState> states = products.states();
        Map<String, PortContracts> contracts = products.contracts();
        Map<String, String> domains = new HashMap<>();
        List<CheckResult> results = new ArrayList<>();
        Map<PortKey, Instant> writes = new LinkedHashMap<>();
        for (QualityObservationV1 o : mapped) {
            PortContracts ports = contracts.computeIfAbsent(o.productId(), id -> contracts(id, states.get(id)));
            if (o.domainId() != null) {
                domains.putIfAbsent(o.productId(), o.domainId());
            }
            for (String port : new LinkedHashSet<>(o.ports())) {
                if (port == null || port.isBlank()) {
                    continue;
                }
                results.addAll(ObservationResults.of(o, port, ports));
                if (o.write()) {
                    writes.merge(new PortKey(o.productId(), port), o.observedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        record(results, writes);
        return decide(productIds, states, contracts, domains);
    }

    /**
     * Records results a tool pushed for one port and decides the product again. The caller has
     * checked the product and port exist and that it may push.
     */
    @Transactional
    public PortDecision push(String productId, String port, List<CheckResult> results) {
        record(results, Map.of());
        Products products = products(List.of(productId));
        Decided decided = decide(List.of(productId), products.states(), products.contracts(), Map.of());
        return decided.ports().getOrDefault(productId, List.of()).stream()
                .filter(d -> d.port().equals(port))
                .findFirst()
                .orElseThrow();
    }

    /** Decides again the products with a port whose freshness deadline passed; returns how many. */
    @Transactional
    public int decideOverdue(int limit) {
        List<String> ids = statusStore.productsPastDeadline(clock.now(), limit);
        if (!ids.isEmpty()) {
            Products products = products(ids);
            decide(ids, products.states(), products.contracts(), Map.of());
        }
        return ids.size();
    }

    private void record(List<CheckResult> results, Map<PortKey, Instant> writes) {
        resultStore.appendHistory(results);
        Map<String, CheckResult> latest = new LinkedHashMap<>();
        Map<String, long[]> days = new LinkedHashMap<>();
        for (CheckResult r : results) {
            latest.merge(
                    r.productId() + '\u0000' + r.port() + '\u0000' + r.checkId(),
                    r,
                    (a, b) -> CheckResult.RECENCY.compare(a, b) >= 0 ? a : b);
            if (r.decided()) {
                LocalDate day = LocalDate.ofInstant(r.observedAt(), ZoneOffset.UTC);
                long[] counts =
                        days.computeIfAbsent(r.productId() + '\u0000' + r.port() + '\u0000' + day, k -> new long[2]);
                counts[r.outcome() == Outcome.PASS ? 0 : 1]++;
            }
        }
        // In key order, so that concurrent writers lock the same rows in the same order.
        resultStore.upsertLatest(latest.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList());
        resultStore.addToDaily(days.entrySet().stream()
                .map(e -> {
                    String[] key = e.getKey().split("\u0000", -1);
                    return new QualityResultStore.Day(
                            key[0], key[1], LocalDate.parse(key[2]), e.getValue()[0], e.getValue()[1]);
                })
                .toList());
        List<String> products = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        List<Instant> at = new ArrayList<>();
        writes.forEach((key, when) -> {
            products.add(key.productId());
            ports.add(key.port());
            at.add(when);
        });
        statusStore.recordWrites(products, ports, at);
    }

    /** Decides the given products from what is stored, saves what changed and announces changes. */
    private Decided decide(
            Collection<String> productIds,
            Map<String, ProductState> states,
            Map<String, PortContracts> contracts,
            Map<String, String> domainHints) {
        if (productIds.isEmpty()) {
            return new Decided(Map.of(), Set.of());
        }
        Instant now = clock.now();
        List<String> ids = List.copyOf(new TreeSet<>(productIds));
        Map<String, ProductRow> products = statusStore.productsForUpdate(ids);
        Map<String, Map<String, List<CheckResult>>> latest = new HashMap<>();
        for (CheckResult r : resultStore.latest(ids)) {
            latest.computeIfAbsent(r.productId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.port(), k -> new ArrayList<>())
                    .add(r);
        }
        Map<String, Map<String, PortRow>> stored = new HashMap<>();
        for (PortRow row : statusStore.ports(ids)) {
            stored.computeIfAbsent(row.productId(), k -> new LinkedHashMap<>()).put(row.port(), row);
        }

        List<PortRow> portRows = new ArrayList<>();
        List<ProductRow> productRows = new ArrayList<>();
        List<Outbox.Queued> events = new ArrayList<>();
        Map<String, List<PortDecision>> decisions = new LinkedHashMap<>();
        Set<String> changed = new LinkedHashSet<>();
        for (String id : ids) {
            PortContracts pc = contracts.computeIfAbsent(id, k -> contracts(k, states.get(k)));
            Map<String, List<CheckResult>> byPort = latest.getOrDefault(id, Map.of());
            Map<String, PortRow> before = stored.getOrDefault(id, Map.of());
            Set<String> portNames = new TreeSet<>(pc.ports());
            portNames.addAll(before.keySet());
            portNames.addAll(byPort.keySet());

            QualityStatus status = QualityStatus.PASSING;
            List<PortDecision> decided = new ArrayList<>();
            List<String> changedPorts = new ArrayList<>();
            List<QualityStatusV1.Port> eventPorts = new ArrayList<>();
            for (String port : portNames) {
                PortRow previous = before.get(port);
                PortDecision d = PortDecision.decide(
                        port,
                        pc.rules(port),
                        pc.sla(port),
                        byPort.getOrDefault(port, List.of()),
                        previous == null ? null : previous.lastWriteAt(),
                        now);
                decided.add(d);
                status = QualityStatus.worst(status, d.status());
                String previousStatus = previous == null ? QualityStatus.UNKNOWN.name() : previous.status();
                if (!previousStatus.equals(d.status().name())) {
                    changedPorts.add(port);
                }
                portRows.add(new PortRow(
                        id, port, d.status().name(), d.freshness(), d.lastWriteAt(), d.sla(), d.deadline()));
                eventPorts.add(eventPort(d, previousStatus));
            }
            if (decided.isEmpty()) {
                status = QualityStatus.UNKNOWN;
            }
            decisions.put(id, decided);

            ProductRow row = products.get(id);
            String domainId = states.containsKey(id)
                    ? states.get(id).domainId()
                    : domainHints.getOrDefault(id, row == null ? null : row.domainId());
            Instant lastCheckedAt = byPort.values().stream()
                    .flatMap(List::stream)
                    .map(CheckResult::observedAt)
                    .max(Instant::compareTo)
                    .orElse(null);
            String previousStatus = row == null ? QualityStatus.UNKNOWN.name() : row.status();
            long sequence = row == null ? 0 : row.sequence();
            if (!changedPorts.isEmpty()) {
                sequence++;
                changed.add(id);
                events.add(new Outbox.Queued(
                        EventType.QUALITY_STATUS_CHANGED,
                        id,
                        sequence,
                        new QualityStatusV1(
                                id, domainId, sequence, status.name(), previousStatus, changedPorts, eventPorts, now)));
            }
            Instant lastPassedAt =
                    status == QualityStatus.PASSING ? lastCheckedAt : row == null ? null : row.lastPassedAt();
            productRows.add(new ProductRow(id, domainId, status.name(), sequence, lastCheckedAt, lastPassedAt));
        }
        statusStore.savePorts(portRows);
        statusStore.saveProducts(productRows);
        statusStore.syncIncidents(ids);
        outbox.enqueueAll(events);
        // Scores and the publish gate read quality: a product whose quality changed is evaluated again.
        for (String id : changed) {
            if (states.containsKey(id)) {
                evaluations.evaluate(id, Trigger.QUALITY_CHANGED);
            }
        }
        return new Decided(decisions, changed);
    }

    private static QualityStatusV1.Port eventPort(PortDecision d, String previousStatus) {
        return new QualityStatusV1.Port(
                d.port(),
                d.status().name(),
                previousStatus,
                new QualityStatusV1.Freshness(d.freshness(), d.sla(), d.lastWriteAt(), d.deadline()),
                d.failing().stream()
                        .map(c -> new QualityStatusV1.Check(
                                c.checkId(),
                                c.source().name(),
                                c.name() == null ? c.checkId() : c.name(),
                                c.column(),
                                c.observed(),
                                c.operator(),
                                c.threshold(),
                                c.observedAt(),
                                c.runId()))
                        .toList());
    }

    /** The stored products and the port contracts of each. */
    private record Products(Map<String, ProductState> states, Map<String, PortContracts> contracts) {}

    /**
     * The stored states of these products and their port contracts: contracts held for a product
     * at its current sequence are taken as they are, the others read from the state and kept.
     */
    private Products products(Collection<String> productIds) {
        Map<String, ContractCache.Entry> held = contractCache.snapshot(productIds);
        Map<String, Long> known = new HashMap<>();
        held.forEach((id, entry) -> known.put(id, entry.sequence()));
        Map<String, ProductState> states = resultStore.productStates(productIds, known);
        Map<String, PortContracts> contracts = new HashMap<>();
        states.forEach((id, state) -> {
            if (state.state() == null) {
                contracts.put(id, held.get(id).contracts());
            } else {
                PortContracts read = contracts(id, state);
                contractCache.keep(id, state.sequence(), read);
                contracts.put(id, read);
            }
        });
        return new Products(states, contracts);
    }

    private PortContracts contracts(String productId, ProductState state) {
        if (state == null) {
            return PortContracts.of(productId, null);
        }
        try {
            return PortContracts.of(productId, json.readTree(state.state()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product state is unreadable", e);
        }
    }

    private void foldUnmapped(Map<String, QualityResultStore.Unmapped> unmapped, QualityObservationV1 o) {
        String name = o.dataset() == null || o.dataset().name() == null
                ? "(unnamed)"
                : o.dataset().name();
        ObjectNode facts = json.createObjectNode();
        facts.set("assertions", json.valueToTree(o.assertions() == null ? List.of() : o.assertions()));
        facts.set("metrics", json.valueToTree(o.metrics()));
        facts.set("outputStatistics", json.valueToTree(o.outputStatistics()));
        facts.put("observationId", o.observationId());
        facts.put("observedAt", o.observedAt().toString());
        if (o.run() != null) {
            facts.set("run", json.valueToTree(o.run()));
        }
        JsonNode names = json.valueToTree(
                o.dataset() == null || o.dataset().names() == null
                        ? List.of(name)
                        : o.dataset().names());
        QualityResultStore.Unmapped next =
                new QualityResultStore.Unmapped(name, names.toString(), o.observedAt(), 1, facts.toString());
        unmapped.merge(name, next, (a, b) -> {
            QualityResultStore.Unmapped newer = b.lastSeenAt().isAfter(a.lastSeenAt()) ? b : a;
            return new QualityResultStore.Unmapped(
                    name, newer.names(), newer.lastSeenAt(), a.observations() + b.observations(), newer.lastFacts());
        });
    }

    private record PortKey(String productId, String port) {}
}
