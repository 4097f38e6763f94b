package dev.tessera.governance.quality.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.governance.quality.repository.QualityResultStore;
import dev.tessera.governance.quality.rules.ContractRule;
import dev.tessera.governance.quality.rules.Verdict.Outcome;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Results pushed by tools that do not speak OpenLineage. They may come from platform admins, the
 * owners of the product's domain, and pipelines with the realm role {@value #LINEAGE_PRODUCER}
 * (who may also send lineage). A result naming a contract rule is that rule's result, and decides
 * it when lineage's facts could not (sql and custom rules).
 */
@ApplicationScoped
public class PushedResults {

    /** The realm role of pipelines that report what they ran. */
    public static final String LINEAGE_PRODUCER = "lineage-producer";

    @Inject
    QualityResultStore store;

    @Inject
    QualityRecorder recorder;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    /** Records the results for one port and returns the port's decided status. */
    @Transactional
    public PortDecision push(String productId, String port, String tool, List<PushedResult> pushed) {
        boolean producer = caller.isAdmin() || caller.hasRole(LINEAGE_PRODUCER);
        if (!producer && !caller.hasRole(Roles.DOMAIN_OWNER)) {
            throw forbidden(productId);
        }
        QualityResultStore.ProductState state =
                store.productStates(List.of(productId)).get(productId);
        if (state == null) {
            throw ApiException.notFound("Product '" + productId
                    + "' is not known to governance; it learns products as the registry publishes them.");
        }
        if (!producer && !caller.ownsDomain(state.domainId())) {
            throw forbidden(productId);
        }
        PortContracts contracts = contracts(state);
        if (!contracts.has(port)) {
            throw ApiException.notFound("Product '" + productId + "' has no output port '" + port + "'; its ports are "
                    + List.copyOf(contracts.ports()) + ".");
        }
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < pushed.size(); i++) {
            results.add(result(productId, port, tool, contracts, pushed.get(i), "/results/" + i));
        }
        return recorder.push(productId, port, results);
    }

    private static CheckResult result(
            String productId, String port, String tool, PortContracts contracts, PushedResult p, String pointer) {
        Optional<ContractRule> named = contracts.rule(port, p.check());
        String observationId = "push:" + UUID.randomUUID();
        if (named.isPresent()) {
            ContractRule rule = named.get();
            Outcome outcome;
            String observed = null;
            if (p.value() != null
                    && rule.operator() != null
                    && rule.threshold() != null
                    && !rule.threshold().isEmpty()) {
                outcome = rule.comparison().holds(p.value()) ? Outcome.PASS : Outcome.FAIL;
                observed = p.value().toPlainString();
            } else if (p.success() != null) {
                outcome = p.success() ? Outcome.PASS : Outcome.FAIL;
                observed = p.value() == null ? null : p.value().toPlainString();
            } else {
                throw ApiException.invalidField(
                        pointer + "/success",
                        "rule '" + p.check() + "' states no operator and threshold to compare a value with;"
                                + " send success: true or false");
            }
            return new CheckResult(
                    productId,
                    port,
                    rule.checkId(),
                    CheckSource.PUSHED,
                    outcome,
                    observed,
                    rule.operator(),
                    ObservationResults.threshold(rule),
                    rule.unit(),
                    rule.name(),
                    rule.column(),
                    rule.severity(),
                    p.observedAt(),
                    p.runId(),
                    null,
                    observationId,
                    tool);
        }
        if (p.success() == null) {
            throw ApiException.invalidField(
                    pointer + "/success",
                    "'" + p.check() + "' names no rule of the port's contract, so a value alone decides nothing;"
                            + " send success: true or false");
        }
        return new CheckResult(
                productId,
                port,
                "pushed:" + p.check(),
                CheckSource.PUSHED,
                p.success() ? Outcome.PASS : Outcome.FAIL,
                p.value() == null ? null : p.value().toPlainString(),
                null,
                null,
                null,
                p.check(),
                null,
                null,
                p.observedAt(),
                p.runId(),
                null,
                observationId,
                tool);
    }

    private PortContracts contracts(QualityResultStore.ProductState state) {
        try {
            return PortContracts.of(state.productId(), json.readTree(state.state()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product state is unreadable", e);
        }
    }

    private ApiException forbidden(String productId) {
        return ApiException.forbidden("Only platform admins, owners of the product's domain and pipelines with the"
                + " realm role '" + LINEAGE_PRODUCER + "' may push quality results for '" + productId + "'.");
    }
}
