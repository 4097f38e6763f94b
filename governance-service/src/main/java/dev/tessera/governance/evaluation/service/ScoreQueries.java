package dev.tessera.governance.evaluation.service;

import dev.tessera.governance.evaluation.repository.EvaluationEntity;
import dev.tessera.governance.evaluation.repository.EvaluationRepository;
import dev.tessera.governance.evaluation.repository.ScoreSnapshotEntity;
import dev.tessera.governance.policy.engine.Scoring;
import dev.tessera.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads evaluations and scores. Every authenticated caller may read them: scores are meant to be seen. */
@ApplicationScoped
public class ScoreQueries {

    @Inject
    EvaluationRepository evaluations;

    /** A current aggregate score with its trend. */
    public record Current(EvaluationRepository.Aggregate aggregate, String rating, List<ScoreSnapshotEntity> trend) {}

    @Transactional
    public EvaluationEntity latest(String productId) {
        return evaluations
                .latest(productId)
                .orElseThrow(() -> ApiException.notFound("Product '" + productId
                        + "' has not been evaluated; governance evaluates products as the registry publishes them."));
    }

    @Transactional
    public List<EvaluationEntity> history(String productId, Long beforeId, int limit) {
        return evaluations.history(productId, beforeId, limit);
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
