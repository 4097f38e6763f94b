package dev.tessera.lineage.usage.service;

import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.lineage.usage.config.UsageConfig;
import dev.tessera.lineage.usage.model.ProductUsage;
import dev.tessera.lineage.usage.model.UsageFacts;
import dev.tessera.lineage.usage.model.Window;
import dev.tessera.lineage.usage.repository.UsageFactsRepository;
import dev.tessera.platform.problem.ApiException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A product's usage as the caller may see it, read in one round trip from the monthly rows of runs
 * and the per-job rows: how long it takes depends on the jobs and months covered, never on the runs.
 * It reads on a connection in auto-commit, outside any transaction of the application's: the
 * pipeline's statements end with one Sync, so PostgreSQL runs them as one implicit transaction
 * anyway, and a read has nothing to commit.
 */
@ApplicationScoped
public class UsageQueries {

    /** The longest window a caller may ask for. */
    public static final int MAX_DAYS = 365;

    @Inject
    UsageFactsRepository facts;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UsageClock clock;

    @Inject
    UsageConfig config;

    @Inject
    LineageAccess access;

    /**
     * A product's usage over the last {@code days} days and whether the caller sees who uses it.
     *
     * @param usage the usage
     * @param showsConsumers whether the answer may name consumers (else totals and the daily series only)
     */
    public record Visible(ProductUsage usage, boolean showsConsumers) {}

    /**
     * The usage of a product over the last {@code days} days (1 to {@link #MAX_DAYS}); 404 when
     * lineage does not know the product, or the caller may not see it (an unpublished product
     * outside the caller's domains).
     */
    public Visible usage(String productId, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw ApiException.invalidField(
                    "days", "days must be a whole number of days from 1 to " + MAX_DAYS + "; was " + days);
        }
        Window window = Window.of(clock.now(), days);
        SqlPipeline pipeline = new SqlPipeline();
        Supplier<Map<String, UsageFacts>> read = facts.read(pipeline, List.of(productId), window, false);
        try (Connection connection = dataSource.getConnection()) {
            pipeline.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the usage of " + productId + ": " + e.getMessage(), e);
        }
        UsageFacts found = read.get().get(productId);
        boolean privileged = found != null && access.seesConsumersIn(found.domainId());
        if (found == null || (found.publishedAt() == null && !privileged)) {
            throw ApiException.notFound("No product " + productId + " is known to lineage.");
        }
        return new Visible(ProductUsage.from(found, window, config.unusedAfterDays()), privileged);
    }
}
