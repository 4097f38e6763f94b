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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A product's usage as the caller may see it, read from the monthly rows of runs and the per-job
 * rows in two round trips at once (the runs in the window on one connection, the rest on another):
 * how long it takes depends on the jobs and months covered, never on the runs. It reads on
 * connections in auto-commit, outside any transaction of the application's: each pipeline's
 * statements end with one Sync, so PostgreSQL runs them as one implicit transaction anyway, and a
 * read has nothing to commit.
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
     * Where the runs are read while the request's thread reads the rest: a virtual thread each, so
     * that a busy worker pool never leaves a request waiting for a thread its own call needs.
     */
    private final Executor runsReader = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("usage-runs-", 0).factory());

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
        SqlPipeline runs = new SqlPipeline();
        Supplier<Map<String, UsageFacts>> read = facts.read(pipeline, runs, List.of(productId), window, false);
        // The runs on a second connection while this one reads the rest. This thread gives its
        // connection back before it waits for the runs, so requests waiting for a second
        // connection never hold the one another needs.
        CompletableFuture<Void> counted = CompletableFuture.runAsync(() -> run(runs, productId), runsReader);
        run(pipeline, productId);
        try {
            counted.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        UsageFacts found = read.get().get(productId);
        boolean privileged = found != null && access.seesConsumersIn(found.domainId());
        if (found == null || (found.publishedAt() == null && !privileged)) {
            throw ApiException.notFound("No product " + productId + " is known to lineage.");
        }
        return new Visible(ProductUsage.from(found, window, config.unusedAfterDays()), privileged);
    }

    private void run(SqlPipeline pipeline, String productId) {
        try (Connection connection = dataSource.getConnection()) {
            pipeline.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the usage of " + productId + ": " + e.getMessage(), e);
        }
    }
}
