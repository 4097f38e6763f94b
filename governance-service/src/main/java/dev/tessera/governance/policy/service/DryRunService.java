package dev.tessera.governance.policy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.governance.evaluation.repository.ProductStateEntity;
import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.governance.evaluation.service.EvaluationService;
import dev.tessera.governance.policy.engine.PolicyResult;
import dev.tessera.governance.policy.repository.PolicyEntity;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a policy, saved or not, before anyone relies on it; records nothing. The caller must be
 * allowed to save a policy of that scope, and sees results only for products whose drafts they may read.
 */
@ApplicationScoped
public class DryRunService {

    private static final int PAGE = 500;

    @Inject
    PolicyService policies;

    @Inject
    ProductStateRepository states;

    @Inject
    EvaluationService evaluations;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    /** One product's result. */
    public record Item(
            String productId, String domainId, String outcome, String message, String remediation, JsonNode evidence) {}

    /** Every result with a count per outcome. */
    public record DryRunReport(String policyId, Map<String, Integer> summary, List<Item> results) {}

    @Transactional
    public DryRunReport run(DryRun request) {
        if (!(caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER) || caller.hasRole(Roles.DOMAIN_OWNER))) {
            throw ApiException.forbidden("Dry runs are for governance officers, domain owners and platform admins.");
        }
        PolicyService.ScopedPolicy scoped = resolve(request);
        // The scope rules of saving: a dry run is never a way to run a policy one may not write.
        policies.requireManage(scoped.scope());
        List<Item> results = new ArrayList<>();
        if (request.descriptor() != null && !request.descriptor().isNull()) {
            if (!request.descriptor().isObject()) {
                throw ApiException.invalidField("/descriptor", "a product descriptor (an object)");
            }
            String domain = request.domainId() != null
                    ? request.domainId()
                    : request.descriptor().path("domain").asText(null);
            String productId = request.descriptor().path("id").asText(null);
            requireReadable(productId);
            ObjectNode payload = json.createObjectNode();
            payload.put("productId", productId);
            payload.put("domainId", domain);
            payload.set("descriptor", request.descriptor());
            results.add(item(scoped, payload, domain));
        } else {
            String after = "";
            List<String> ids;
            while (!(ids = states.idsAfter(after, PAGE)).isEmpty()) {
                for (String id : ids) {
                    ProductStateEntity row = states.findById(id);
                    if ((PolicyEntity.GLOBAL.equals(scoped.scope())
                                    || scoped.scope().equals(row.domainId))
                            && mayReadDrafts(row.domainId)) {
                        results.add(item(scoped, read(row.state), row.domainId));
                    }
                }
                after = ids.getLast();
            }
        }
        Map<String, Integer> summary = new TreeMap<>();
        results.forEach(r -> summary.merge(r.outcome(), 1, Integer::sum));
        return new DryRunReport(scoped.policy().id(), summary, results);
    }

    private PolicyService.ScopedPolicy resolve(DryRun request) {
        if (request.policy() != null) {
            PolicyDefinition p = request.policy();
            return policies.executable(p.id() == null ? p.withId("dry-run") : p, 0);
        }
        if (request.policyId() == null) {
            throw ApiException.invalidField("/policyId", "name a saved policy (policyId) or give one (policy)");
        }
        PolicyEntity saved = policies.get(request.policyId());
        return policies.executable(
                new PolicyDefinition(
                        saved.id,
                        saved.name,
                        saved.description,
                        saved.scope,
                        saved.severity.name(),
                        saved.weight,
                        saved.target.name(),
                        saved.expression,
                        saved.remediation,
                        true,
                        saved.message),
                saved.version);
    }

    /**
     * Whether the caller may see a product's draft content and consumers, which a dry run reports as
     * evidence: governance officers and platform admins everywhere, owners in their domains.
     */
    private boolean mayReadDrafts(String domainId) {
        return caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER) || caller.canWriteDomain(domainId);
    }

    /**
     * A descriptor carrying the id of a stored product is run with that product's consumers (from
     * lineage), so it must be a product the caller may read.
     */
    private void requireReadable(String productId) {
        if (productId == null) {
            return;
        }
        ProductStateEntity stored = states.findById(productId);
        if (stored != null && !mayReadDrafts(stored.domainId)) {
            throw ApiException.forbidden("'" + productId + "' is a product of domain '" + stored.domainId
                    + "', which you do not own; dry-run a descriptor with an id of your own products, or none.");
        }
    }

    private Item item(PolicyService.ScopedPolicy scoped, JsonNode payload, String domainId) {
        ProductStateV1 state;
        try {
            state = json.treeToValue(payload, ProductStateV1.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.invalidField("/descriptor", "not a product descriptor: " + e.getMessage());
        }
        PolicyResult r =
                evaluations.tryOn(List.of(scoped.policy()), state, payload).getFirst();
        return new Item(state.productId(), domainId, r.outcome().name(), r.message(), r.remediation(), r.evidence());
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product state is unreadable", e);
        }
    }
}
