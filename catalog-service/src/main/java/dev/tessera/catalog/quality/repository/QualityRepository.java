package dev.tessera.catalog.quality.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/** Products' current quality in SQL, one row per product, only ever moved forward in sequence. */
@ApplicationScoped
public class QualityRepository {

    /**
     * A product's kept quality.
     *
     * @param productId the product
     * @param domainId its domain, when the event named it
     * @param sequence the sequence of the event it reflects
     * @param summary the summary JSON (see {@code QualitySummary})
     */
    public record KeptQuality(String productId, String domainId, long sequence, String summary) {}

    @Inject
    EntityManager em;

    /**
     * Keeps a product's quality unless a row at the same or a higher sequence is there already (a duplicate,
     * a redelivery or an event overtaken by a newer one); true when the row was written.
     */
    public boolean keep(
            String productId,
            String domainId,
            long sequence,
            String status,
            String summary,
            String changedAt,
            String eventId) {
        return em.createNativeQuery("INSERT INTO product_quality (product_id, domain_id, sequence, status, summary,"
                                + " changed_at, event_id, updated_at)"
                                + " VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), CAST(?6 AS timestamptz), ?7, now())"
                                + " ON CONFLICT (product_id) DO UPDATE SET domain_id = COALESCE(EXCLUDED.domain_id,"
                                + " product_quality.domain_id), sequence = EXCLUDED.sequence, status = EXCLUDED.status,"
                                + " summary = EXCLUDED.summary, changed_at = EXCLUDED.changed_at,"
                                + " event_id = EXCLUDED.event_id, updated_at = EXCLUDED.updated_at"
                                + " WHERE product_quality.sequence < EXCLUDED.sequence")
                        .setParameter(1, productId)
                        .setParameter(2, domainId)
                        .setParameter(3, sequence)
                        .setParameter(4, status)
                        .setParameter(5, summary)
                        .setParameter(6, changedAt)
                        .setParameter(7, eventId)
                        .executeUpdate()
                > 0;
    }

    /** Every product's kept quality. */
    public List<KeptQuality> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT product_id, domain_id, sequence, CAST(summary AS text) FROM product_quality"
                                + " ORDER BY product_id")
                .getResultList();
        List<KeptQuality> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new KeptQuality((String) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3]));
        }
        return out;
    }

    /** One product's kept quality, or null. */
    public KeptQuality of(String productId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT product_id, domain_id, sequence, CAST(summary AS text)"
                        + " FROM product_quality WHERE product_id = ?1")
                .setParameter(1, productId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new KeptQuality((String) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3]);
    }
}
