package dev.tessera.lineage.usage.repository;

import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.usage.model.Attention;
import dev.tessera.lineage.usage.model.UsageFacts.Announced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What lineage remembers about each product's usage besides the reads: the counter and content of
 * its tessera.usage records, its consumers as last announced, the grants that are or were ACTIVE
 * and the catalog's attention.
 */
@ApplicationScoped
public class UsageStateRepository {

    @Inject
    EntityManager entities;

    /**
     * As a step of a pipeline, makes sure each product has its usage row and locks those rows, in id
     * order, until the transaction ends: whoever announces a product's usage holds its row, so two
     * writers never decide on the same product at once, and the second decides on what the first
     * committed.
     */
    public void lock(SqlPipeline pipeline, Collection<String> productIds) {
        String[] ids = new TreeSet<>(productIds).toArray(String[]::new);
        pipeline.update(
                "INSERT INTO usage_product (product_id) SELECT unnest(?::text[]) ORDER BY 1 ON CONFLICT DO NOTHING",
                p -> p.texts(ids));
        pipeline.query(
                "SELECT product_id FROM usage_product WHERE product_id = ANY(?::text[]) ORDER BY product_id FOR UPDATE",
                p -> p.texts(ids),
                rows -> {
                    while (rows.next()) {
                        // Locked; nothing to read.
                    }
                });
    }

    /**
     * A product's usage row after a decision.
     *
     * @param productId the product
     * @param sequence the sequence of its last record
     * @param counts what its last record counted; unchanged when null
     * @param refreshedOn the day the sweep looked at its counts; unchanged when null
     * @param unused whether the sweep reported it unused; unchanged when null
     */
    public record Decided(String productId, long sequence, String counts, LocalDate refreshedOn, Boolean unused) {}

    /** A consumer as announced now, or gone ({@code announced} null). */
    public record Consumer(String productId, String key, Announced announced) {}

    /** As steps of a pipeline, stores the decisions and the consumers as announced now. */
    public void save(SqlPipeline pipeline, List<Decided> decided, List<Consumer> consumers) {
        if (!decided.isEmpty()) {
            int n = decided.size();
            String[] ids = new String[n];
            Long[] sequences = new Long[n];
            String[] counts = new String[n];
            String[] refreshed = new String[n];
            String[] unused = new String[n];
            for (int i = 0; i < n; i++) {
                Decided d = decided.get(i);
                ids[i] = d.productId();
                sequences[i] = d.sequence();
                counts[i] = d.counts();
                refreshed[i] = d.refreshedOn() == null ? null : d.refreshedOn().toString();
                unused[i] = d.unused() == null ? null : d.unused().toString();
            }
            pipeline.update(
                    "UPDATE usage_product u SET sequence = d.s, reported = coalesce(d.c, u.reported),"
                            + " refreshed_on = coalesce(d.r::date, u.refreshed_on),"
                            + " unused = coalesce(d.x::boolean, u.unused)"
                            + " FROM unnest(?::text[], ?::int8[], ?::text[], ?::text[], ?::text[]) AS d(id, s, c, r, x)"
                            + " WHERE u.product_id = d.id",
                    p -> p.texts(ids)
                            .longs(sequences)
                            .texts(counts)
                            .texts(refreshed)
                            .texts(unused));
        }
        List<Consumer> kept =
                consumers.stream().filter(c -> c.announced() != null).toList();
        List<Consumer> gone =
                consumers.stream().filter(c -> c.announced() == null).toList();
        if (!kept.isEmpty()) {
            int n = kept.size();
            String[] products = new String[n];
            String[] keys = new String[n];
            String[] declared = new String[n];
            String[] granted = new String[n];
            String[] observed = new String[n];
            String[] shadow = new String[n];
            for (int i = 0; i < n; i++) {
                Consumer c = kept.get(i);
                products[i] = c.productId();
                keys[i] = c.key();
                declared[i] = String.valueOf(c.announced().declared());
                granted[i] = String.valueOf(c.announced().granted());
                observed[i] = String.valueOf(c.announced().observed());
                shadow[i] = String.valueOf(c.announced().shadow());
            }
            pipeline.update(
                    "INSERT INTO usage_consumer (product_id, consumer_key, declared, granted, observed, shadow)"
                            + " SELECT p, k, d::boolean, g::boolean, o::boolean, s::boolean"
                            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                            + " AS c(p, k, d, g, o, s) ORDER BY p, k"
                            + " ON CONFLICT (product_id, consumer_key) DO UPDATE SET declared = excluded.declared,"
                            + " granted = excluded.granted, observed = excluded.observed, shadow = excluded.shadow",
                    p -> p.texts(products)
                            .texts(keys)
                            .texts(declared)
                            .texts(granted)
                            .texts(observed)
                            .texts(shadow));
        }
        if (!gone.isEmpty()) {
            String[] products = gone.stream().map(Consumer::productId).toArray(String[]::new);
            String[] keys = gone.stream().map(Consumer::key).toArray(String[]::new);
            pipeline.update(
                    "DELETE FROM usage_consumer c USING unnest(?::text[], ?::text[]) AS g(p, k)"
                            + " WHERE c.product_id = g.p AND c.consumer_key = g.k",
                    p -> p.texts(products).texts(keys));
        }
    }

    /**
     * Products whose usage the sweep has to look at: those whose counts it has not looked at today,
     * and those whose unused state differs from what was last reported (as far as the stored last
     * read, page view and publication tell), after {@code after} in id order, at most {@code limit}.
     */
    @SuppressWarnings("unchecked")
    public List<String> dueForSweep(LocalDate today, Instant now, int unusedAfterDays, String after, int limit) {
        return entities.createNativeQuery("SELECT u.product_id FROM usage_product u"
                        + " JOIN product p ON p.product_id = u.product_id"
                        + " LEFT JOIN LATERAL (SELECT max(j.last_read_at) AS last_read FROM usage_job j"
                        + " WHERE j.product_id = u.product_id) r ON true"
                        + " WHERE u.product_id > ?1 AND (u.refreshed_on IS NULL OR u.refreshed_on < CAST(?2 AS date)"
                        + " OR u.unused <> (p.published_at IS NOT NULL"
                        + " AND GREATEST(p.published_at, r.last_read, u.last_viewed_at)"
                        + " + make_interval(days => ?3) <= CAST(?4 AS timestamptz)))"
                        + " ORDER BY u.product_id LIMIT ?5")
                .setParameter(1, after)
                .setParameter(2, today.toString())
                .setParameter(3, unusedAfterDays)
                .setParameter(4, now.toString())
                .setParameter(5, limit)
                .getResultList();
    }

    /** The products offering the contracts a product's input ports name. */
    @SuppressWarnings("unchecked")
    public Set<String> providersOf(String consumerProductId) {
        List<String> rows = entities.createNativeQuery("SELECT DISTINCT c.product_id FROM product_input i"
                        + " JOIN port_contract c ON c.contract_id = i.contract_id WHERE i.product_id = ?1")
                .setParameter(1, consumerProductId)
                .getResultList();
        return new TreeSet<>(rows);
    }

    /**
     * Remembers that an access request is ACTIVE: inserted the first time, reactivated after it
     * ended (keeping when it first became active). True when something changed.
     */
    public boolean grantActive(
            String requestId,
            String productId,
            String port,
            String consumerProductId,
            String consumerDomainId,
            String subject,
            Instant at) {
        return changed(
                "INSERT INTO usage_grant (request_id, product_id, port_name, consumer_product_id,"
                        + " consumer_domain_id, subject, status, active_from)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?::timestamptz)"
                        + " ON CONFLICT (request_id) DO UPDATE SET status = 'ACTIVE', active_until = NULL,"
                        + " product_id = excluded.product_id, port_name = excluded.port_name,"
                        + " consumer_product_id = excluded.consumer_product_id,"
                        + " consumer_domain_id = excluded.consumer_domain_id, subject = excluded.subject"
                        + " WHERE usage_grant.status <> 'ACTIVE' RETURNING 1",
                p -> p.text(requestId)
                        .text(productId)
                        .text(port)
                        .text(consumerProductId)
                        .text(consumerDomainId)
                        .text(subject)
                        .text(at.toString()));
    }

    /** Remembers that a grant that was ACTIVE no longer is. True when it was ACTIVE until now. */
    public boolean grantEnded(String requestId, String status, Instant at) {
        return changed(
                "UPDATE usage_grant SET status = ?, active_until = ?::timestamptz"
                        + " WHERE request_id = ? AND status = 'ACTIVE' RETURNING 1",
                p -> p.text(status).text(at.toString()).text(requestId));
    }

    /** Stores the catalog's attention for a product unless a later record was stored already. */
    public boolean attention(String productId, long sequence, Attention attention) {
        return changed(
                "INSERT INTO usage_product (product_id, attention_sequence, page_views, viewers, click_throughs,"
                        + " last_viewed_at) VALUES (?, ?::int8, ?::int8, ?::int8, ?::int8, ?::timestamptz)"
                        + " ON CONFLICT (product_id) DO UPDATE SET attention_sequence = excluded.attention_sequence,"
                        + " page_views = excluded.page_views, viewers = excluded.viewers,"
                        + " click_throughs = excluded.click_throughs, last_viewed_at = excluded.last_viewed_at"
                        + " WHERE usage_product.attention_sequence < excluded.attention_sequence RETURNING 1",
                p -> p.text(productId)
                        .text(String.valueOf(sequence))
                        .text(String.valueOf(attention.pageViews()))
                        .text(String.valueOf(attention.viewers()))
                        .text(String.valueOf(attention.clickThroughs()))
                        .text(
                                attention.lastViewedAt() == null
                                        ? null
                                        : attention.lastViewedAt().toString()));
    }

    /** Runs one write returning a row per changed row; whether it changed any. */
    private boolean changed(String sql, SqlPipeline.Binder binder) {
        boolean[] changed = {false};
        new SqlPipeline().query(sql, binder, rows -> changed[0] = rows.next()).run(entities);
        return changed[0];
    }
}
