package dev.tessera.governance.evaluation.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Evaluations, current product scores and score snapshots. */
@ApplicationScoped
public class EvaluationRepository implements PanacheRepository<EvaluationEntity> {

    /** A domain's or the platform's current score: the mean of its products' scores. */
    public record Aggregate(double score, int products) {}

    public Optional<EvaluationEntity> latest(String productId) {
        return find("productId = ?1 order by id desc", productId).firstResultOptional();
    }

    /** The newest evaluation of a published version of the product. */
    public Optional<EvaluationEntity> latestPublished(String productId) {
        return find("productId = ?1 and published = true order by id desc", productId)
                .firstResultOptional();
    }

    /** Evaluations of published versions only, newest first, before {@code beforeId} when given. */
    public List<EvaluationEntity> publishedHistory(String productId, Long beforeId, int limit) {
        return beforeId == null
                ? find("productId = ?1 and published = true order by id desc", productId)
                        .page(0, limit)
                        .list()
                : find("productId = ?1 and published = true and id < ?2 order by id desc", productId, beforeId)
                        .page(0, limit)
                        .list();
    }

    public List<EvaluationEntity> history(String productId, Long beforeId, int limit) {
        return beforeId == null
                ? find("productId = ?1 order by id desc", productId)
                        .page(0, limit)
                        .list()
                : find("productId = ?1 and id < ?2 order by id desc", productId, beforeId)
                        .page(0, limit)
                        .list();
    }

    public Optional<ProductScoreEntity> score(String productId) {
        return Optional.ofNullable(getEntityManager().find(ProductScoreEntity.class, productId));
    }

    public void saveScore(ProductScoreEntity score) {
        getEntityManager().merge(score);
    }

    /** The mean score of a domain's products, or of all products when domainId is null. */
    public Aggregate aggregate(String domainId) {
        Object[] row = (Object[]) (domainId == null
                        ? getEntityManager().createQuery("select avg(score), count(*) from ProductScoreEntity")
                        : getEntityManager()
                                .createQuery("select avg(score), count(*) from ProductScoreEntity where domainId = ?1")
                                .setParameter(1, domainId))
                .getSingleResult();
        long count = ((Number) row[1]).longValue();
        double mean = row[0] == null ? 100.0 : ((Number) row[0]).doubleValue();
        return new Aggregate(Math.round(mean * 10) / 10.0, (int) count);
    }

    public List<String> domains() {
        return getEntityManager()
                .createQuery("select distinct domainId from ProductScoreEntity order by domainId", String.class)
                .getResultList();
    }

    public void snapshot(ScoreSnapshotEntity snapshot) {
        getEntityManager().persist(snapshot);
    }

    public List<ScoreSnapshotEntity> trend(String scope, String scopeId, Instant since, int limit) {
        return getEntityManager()
                .createQuery(
                        "from ScoreSnapshotEntity where scope = ?1 and scopeId = ?2 and takenAt >= ?3 order by id desc",
                        ScoreSnapshotEntity.class)
                .setParameter(1, scope)
                .setParameter(2, scopeId)
                .setParameter(3, since)
                .setMaxResults(limit)
                .getResultList();
    }
}
