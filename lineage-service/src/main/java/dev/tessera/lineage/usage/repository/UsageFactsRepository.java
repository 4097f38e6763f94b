package dev.tessera.lineage.usage.repository;

import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.usage.model.Attention;
import dev.tessera.lineage.usage.model.Grant;
import dev.tessera.lineage.usage.model.JobUsage;
import dev.tessera.lineage.usage.model.UsageFacts;
import dev.tessera.lineage.usage.model.UsageFacts.Announced;
import dev.tessera.lineage.usage.model.UsageFacts.Reported;
import dev.tessera.lineage.usage.model.Window;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads what is stored about the usage of some products, as steps of a pipeline (one round trip
 * for any number of products): the products themselves, their declared consumers, their grants,
 * the jobs that read them with their runs in the window and the runs per day. Runs come from the
 * monthly rows of runs per job only, never from the runs themselves, so the time an answer takes
 * grows with the jobs (and the months the window touches), not with the runs or jobs x days.
 */
@ApplicationScoped
public class UsageFactsRepository {

    private static final String PRODUCTS = "SELECT p.product_id, p.domain_id, p.published_at, u.sequence, u.reported,"
            + " u.refreshed_on, u.unused, u.page_views, u.viewers, u.click_throughs, u.last_viewed_at,"
            + " u.attention_sequence"
            + " FROM product p LEFT JOIN usage_product u ON u.product_id = p.product_id"
            + " WHERE p.product_id = ANY(?::text[])";

    private static final String DECLARED = "SELECT DISTINCT c.product_id, i.product_id, ip.domain_id"
            + " FROM port_contract c JOIN product_input i ON i.contract_id = c.contract_id"
            + " LEFT JOIN product ip ON ip.product_id = i.product_id"
            + " WHERE c.product_id = ANY(?::text[])";

    private static final String GRANTS = "SELECT product_id, request_id, port_name, consumer_product_id,"
            + " consumer_domain_id, subject, status, active_from, active_until"
            + " FROM usage_grant WHERE product_id = ANY(?::text[])";

    /**
     * The jobs that read the products. Unordered: the usage answer orders its consumers' jobs
     * itself, and sorting a thousand rows by time and name cost the database about a millisecond
     * per answer. The times are read as they are stored (the driver receives them in binary once
     * the statement is prepared), not as numbers computed from them: extracting the epoch is a
     * numeric computation, two per row.
     */
    private static final String JOBS = "SELECT j.product_id, j.job, o.product_id, op.domain_id,"
            + " j.first_read_at, j.last_read_at"
            + " FROM usage_job j LEFT JOIN usage_job_owner o ON o.job = j.job"
            + " LEFT JOIN product op ON op.product_id = o.product_id"
            + " WHERE j.product_id = ANY(?::text[])";

    private static final String ANNOUNCED = "SELECT product_id, consumer_key, declared, granted, observed, shadow"
            + " FROM usage_consumer WHERE product_id = ANY(?::text[])";

    /**
     * Adds the steps reading the facts of these products over {@code window}; once the pipeline ran,
     * the answer holds the facts of each of them that lineage knows as a product, by id. With
     * {@code announced}, the consumers as last announced are read too (else none are).
     */
    public Supplier<Map<String, UsageFacts>> read(
            SqlPipeline pipeline, Collection<String> productIds, Window window, boolean announced) {
        return read(pipeline, pipeline, productIds, window, announced);
    }

    /**
     * As {@link #read(SqlPipeline, Collection, Window, boolean)}, with the runs in the window read
     * by a step of {@code runsPipeline}, which may run on another connection at the same time as
     * {@code pipeline}: the runs of a product read by a thousand jobs are the largest part of its
     * facts, and the database reads them while it reads the rest. The answer holds the facts once
     * both pipelines ran.
     */
    public Supplier<Map<String, UsageFacts>> read(
            SqlPipeline pipeline,
            SqlPipeline runsPipeline,
            Collection<String> productIds,
            Window window,
            boolean announced) {
        String[] ids = productIds.toArray(String[]::new);
        Map<String, Row> rows = new LinkedHashMap<>();
        pipeline.query(PRODUCTS, p -> p.texts(ids), r -> {
            while (r.next()) {
                Row row = new Row(r.getString(1), r.getString(2), instant(r, 3));
                long sequence = r.getLong(4);
                row.reported = new Reported(
                        sequence, r.getString(5), r.getObject(6, LocalDate.class), r.getBoolean(7), new HashMap<>());
                long attentionSequence = r.getLong(12);
                if (attentionSequence > 0) {
                    row.attention = new Attention(r.getLong(8), r.getLong(9), r.getLong(10), instant(r, 11));
                }
                rows.put(row.productId, row);
            }
        });
        Map<String, Map<String, String>> declared = new HashMap<>();
        pipeline.query(DECLARED, p -> p.texts(ids), r -> {
            while (r.next()) {
                declared.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                        .put(r.getString(2), r.getString(3));
            }
        });
        Map<String, List<Grant>> grants = new HashMap<>();
        pipeline.query(GRANTS, p -> p.texts(ids), r -> {
            while (r.next()) {
                grants.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                        .add(new Grant(
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getString(7),
                                instant(r, 8),
                                instant(r, 9)));
            }
        });
        WindowRuns runs = new WindowRuns(window);
        runsPipeline.query(
                WindowRuns.RUNS,
                p -> p.text(window.from().toString())
                        .text(window.to().toString())
                        .texts(ids),
                r -> {
                    while (r.next()) {
                        runs.add(ids[r.getInt(1) - 1], r.getString(2), r.getLong(3), r.getBytes(4));
                    }
                });
        Map<String, List<JobRow>> jobs = new HashMap<>();
        pipeline.query(JOBS, p -> p.texts(ids), r -> {
            String productId = null;
            List<JobRow> ofProduct = null;
            while (r.next()) {
                String product = r.getString(1);
                if (!product.equals(productId)) {
                    productId = product;
                    ofProduct = jobs.computeIfAbsent(product, k -> new ArrayList<>());
                }
                ofProduct.add(new JobRow(r.getString(2), r.getString(3), r.getString(4), readAt(r, 5), readAt(r, 6)));
            }
        });
        Map<String, Map<String, Announced>> consumers = new HashMap<>();
        if (announced) {
            pipeline.query(ANNOUNCED, p -> p.texts(ids), r -> {
                while (r.next()) {
                    consumers
                            .computeIfAbsent(r.getString(1), k -> new HashMap<>())
                            .put(
                                    r.getString(2),
                                    new Announced(r.getBoolean(3), r.getBoolean(4), r.getBoolean(5), r.getBoolean(6)));
                }
            });
        }
        return () -> {
            Map<String, UsageFacts> facts = new LinkedHashMap<>();
            for (Row row : rows.values()) {
                Reported reported = new Reported(
                        row.reported.sequence(),
                        row.reported.counts(),
                        row.reported.refreshedOn(),
                        row.reported.unused(),
                        Map.copyOf(consumers.getOrDefault(row.productId, Map.of())));
                facts.put(
                        row.productId,
                        new UsageFacts(
                                row.productId,
                                row.domainId,
                                row.publishedAt,
                                declared.getOrDefault(row.productId, Map.of()),
                                grants.getOrDefault(row.productId, List.of()),
                                usages(jobs.getOrDefault(row.productId, List.of()), runs.jobs(row.productId)),
                                runs.days(row.productId),
                                row.attention,
                                reported));
            }
            return facts;
        };
    }

    /** A job's row as read, before its runs in the window are known. */
    private record JobRow(String job, String owner, String ownerDomain, Instant firstReadAt, Instant lastReadAt) {}

    private static List<JobUsage> usages(List<JobRow> rows, Map<String, Long> runsOf) {
        List<JobUsage> usages = new ArrayList<>(rows.size());
        for (JobRow row : rows) {
            usages.add(new JobUsage(
                    row.job(),
                    row.owner(),
                    row.ownerDomain(),
                    runsOf.getOrDefault(row.job(), 0L),
                    row.firstReadAt(),
                    row.lastReadAt()));
        }
        return usages;
    }

    /** A product row while its facts are gathered. */
    private static final class Row {
        final String productId;
        final String domainId;
        final Instant publishedAt;
        Reported reported;
        Attention attention;

        Row(String productId, String domainId, Instant publishedAt) {
            this.productId = productId;
            this.domainId = domainId;
            this.publishedAt = publishedAt;
        }
    }

    /**
     * A job's read time: through a timestamp, which the driver makes of the stored value in one
     * object, where an offset date-time takes five (the answer reads two per job).
     */
    private static Instant readAt(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
