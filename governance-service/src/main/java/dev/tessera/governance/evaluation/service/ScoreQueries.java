package dev.tessera.governance.evaluation.service;

import dev.tessera.governance.evaluation.repository.EvaluationEntity;
import dev.tessera.governance.evaluation.repository.EvaluationRepository;
import dev.tessera.governance.evaluation.repository.ProductStateEntity;
import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.governance.evaluation.repository.ScoreSnapshotEntity;
import dev.tessera.governance.policy.engine.Scoring;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads evaluations and scores. Scores are meant to be seen by every authenticated caller. An
 * evaluation of an unpublished version carries the draft as evidence, so it is shown only to the
 * owning domain's owners, governance officers and platform admins; everyone else sees evaluations of
 * published versions, and a product with none is not found for them.
 */
@ApplicationScoped
public class ScoreQueries {

    @Inject
    EvaluationRepository evaluations;

    @Inject
    ProductStateRepository states;

    @Inject
    Caller caller;

    /** A current aggregate score with its trend. */
    public record Current(EvaluationRepository.Aggregate aggregate, String rating, List<ScoreSnapshotEntity> trend) {}

    @Transactional
    public EvaluationEntity latest(String productId) {
        if (maySeeDrafts(productId)) {
            return evaluations
                    .latest(productId)
                    .orElseThrow(() -> ApiException.notFound("Product '" + productId
                            + "' has not been evaluated; governance evaluates products as the registry publishes"
                            + " them."));
        }
        return evaluations.latestPublished(productId).orElseThrow(() -> nothingPublished(productId));
    }

    @Transactional
    public List<EvaluationEntity> history(String productId, Long beforeId, int limit) {
        if (maySeeDrafts(productId)) {
            return evaluations.history(productId, beforeId, limit);
        }
        List<EvaluationEntity> page = evaluations.publishedHistory(productId, beforeId, limit);
        if (page.isEmpty() && beforeId == null) {
            throw nothingPublished(productId);
        }
        return page;
    }

    /**
     * Refuses with 404 unless the caller may read some evaluation of the product, by the rule of
     * {@link #latest}: what else is known about a product (its quality) is shown to the same callers.
     */
    @Transactional
    public void requireReadable(String productId) {
        if (maySeeDrafts(productId)) {
            if (states.findById(productId) == null) {
                throw ApiException.notFound("Product '" + productId
                        + "' is not known to governance; it learns products as the registry publishes them.");
            }
            return;
        }
        if (evaluations.latestPublished(productId).isEmpty()) {
            throw nothingPublished(productId);
        }
    }

    /** Owners of the product's domain, governance officers and platform admins see unpublished versions too. */
    private boolean maySeeDrafts(String productId) {
        if (caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER)) {
            return true;
        }
        ProductStateEntity product = states.findById(productId);
        return product != null && caller.canWriteDomain(product.domainId);
    }

    private static ApiException nothingPublished(String productId) {
        // The same answer as for an unknown product: a draft's existence is not for everyone to learn.
        return ApiException.notFound("Product '" + productId + "' has no evaluated published version.");
    }

    @Transactional
    public Current current(String scope, String scopeId, int days) {
        EvaluationRepository.Aggregate aggregate = evaluations.aggregate("PLATFORM".equals(scope) ? null : scopeId);
        if (aggregate.products() == 0 && !"PLATFORM".equals(scope)) {
            throw ApiException.notFound("No evaluated products in domain '" + scopeId + "'.");
        }
        Instant since = Instant.now().minus(Duration.ofDays(days));
        return new Current(aggregate, Scoring.rating(aggregate.score()), evaluations.trend(scope, scopeId, since, 500));
    }
}
