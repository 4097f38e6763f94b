package dev.tessera.governance.quality.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.governance.evaluation.service.ScoreQueries;
import dev.tessera.governance.quality.repository.QualityResultStore;
import dev.tessera.governance.quality.repository.QualityStatusStore;
import dev.tessera.governance.quality.repository.QualityStatusStore.PortRow;
import dev.tessera.governance.quality.repository.QualityStatusStore.ProductRow;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads quality: a product's summary for people (shown to whoever may read its evaluation), the
 * unmapped datasets for officers, and the {@code quality} value policies see.
 */
@ApplicationScoped
public class QualityQueries {

    /** Days of daily pass rates a summary carries. */
    static final int TREND_DAYS = 30;

    @Inject
    QualityResultStore resultStore;

    @Inject
    QualityStatusStore statusStore;

    @Inject
    ScoreQueries scores;

    @Inject
    QualityClock clock;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    /** A product's quality; 404 for a product the caller may not see or governance does not know. */
    @Transactional
    public QualitySummary summary(String productId) {
        scores.requireReadable(productId);
        PortContracts contracts = contracts(productId);
        Optional<ProductRow> product = statusStore.product(productId);
        Map<String, List<CheckResult>> latest = new LinkedHashMap<>();
        for (CheckResult r : resultStore.latest(List.of(productId))) {
            latest.computeIfAbsent(r.port(), k -> new ArrayList<>()).add(r);
        }
        Map<String, PortRow> rows = new LinkedHashMap<>();
        statusStore.ports(List.of(productId)).forEach(r -> rows.put(r.port(), r));
        TreeSet<String> names = new TreeSet<>(contracts.ports());
        names.addAll(rows.keySet());
        List<QualitySummary.Port> ports = new ArrayList<>();
        for (String name : names) {
            PortRow row = rows.get(name);
            List<CheckResult> checks = latest.getOrDefault(name, List.of());
            ports.add(
                    row == null
                            ? new QualitySummary.Port(
                                    name,
                                    QualityStatus.UNKNOWN,
                                    "UNKNOWN",
                                    contracts.sla(name).map(s -> s.text()).orElse(null),
                                    null,
                                    null,
                                    checks)
                            : new QualitySummary.Port(
                                    name,
                                    QualityStatus.valueOf(row.status()),
                                    row.freshness(),
                                    row.sla(),
                                    row.lastWriteAt(),
                                    row.deadline(),
                                    checks));
        }
        LocalDate since = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC).minusDays(TREND_DAYS - 1L);
        return new QualitySummary(
                productId,
                product.map(ProductRow::domainId).orElse(null),
                product.map(p -> QualityStatus.valueOf(p.status())).orElse(QualityStatus.UNKNOWN),
                product.map(ProductRow::lastCheckedAt).orElse(null),
                product.map(ProductRow::lastPassedAt).orElse(null),
                ports,
                statusStore.openIncidents(productId),
                resultStore.daily(productId, since));
    }

    /** Unmapped datasets in name order: governance officers and platform admins only. */
    @Transactional
    public List<QualityResultStore.Unmapped> unmapped(String after, int limit) {
        if (!(caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER))) {
            throw ApiException.forbidden(
                    "Only governance officers and platform admins may list datasets that serve no port.");
        }
        return resultStore.unmapped(after, limit);
    }

    /**
     * The {@code quality} value policies see for a product: its status, when it was last checked
     * and last passing, and per port its status, checks and freshness; plus the failing checks, which
     * an outcome reports as evidence. Timestamps are ISO-8601 text, null when unknown.
     */
    @Transactional
    public ObjectNode policyValue(String productId) {
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        Optional<ProductRow> product = productId == null ? Optional.empty() : statusStore.product(productId);
        value.put("status", product.map(ProductRow::status).orElse(QualityStatus.UNKNOWN.name()));
        value.put(
                "lastCheckedAt",
                product.map(ProductRow::lastCheckedAt).map(Instant::toString).orElse(null));
        value.put(
                "lastPassedAt",
                product.map(ProductRow::lastPassedAt).map(Instant::toString).orElse(null));
        ObjectNode ports = value.putObject("ports");
        ArrayNode failing = value.putArray("failingChecks");
        if (product.isEmpty()) {
            return value;
        }
        Map<String, ObjectNode> byPort = new LinkedHashMap<>();
        for (PortRow row : statusStore.ports(List.of(productId))) {
            ObjectNode port = ports.putObject(row.port());
            port.put("status", row.status());
            port.putArray("checks");
            ObjectNode freshness = port.putObject("freshness");
            freshness.put("status", row.freshness());
            freshness.put("lastWriteAt", text(row.lastWriteAt()));
            freshness.put("deadline", text(row.deadline()));
            byPort.put(row.port(), port);
        }
        for (CheckResult r : resultStore.latest(List.of(productId))) {
            ObjectNode port = byPort.get(r.port());
            if (port == null) {
                continue;
            }
            ObjectNode check = ((ArrayNode) port.get("checks")).addObject();
            check.put("checkId", r.checkId());
            check.put("source", r.source().name());
            check.put("name", r.name());
            check.put("outcome", r.outcome().name());
            check.put("observedAt", text(r.observedAt()));
            if (r.failsPort()) {
                ObjectNode f = failing.addObject();
                f.put("port", r.port());
                f.put("checkId", r.checkId());
                f.put("name", r.name());
                f.put("observed", r.observed());
                f.put("threshold", r.threshold());
            }
        }
        return value;
    }

    private PortContracts contracts(String productId) {
        QualityResultStore.ProductState state =
                resultStore.productStates(List.of(productId)).get(productId);
        try {
            return PortContracts.of(productId, state == null ? null : json.readTree(state.state()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product state is unreadable", e);
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
