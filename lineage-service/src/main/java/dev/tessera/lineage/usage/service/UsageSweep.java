package dev.tessera.lineage.usage.service;

import dev.tessera.lineage.usage.config.UsageConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reports, with nobody sending anything, the products that became unused or used again and, once a
 * day, the counts that moved ({@link UsageAnnouncer#sweepPage}). Every replica sweeps; the lock on
 * each product's usage row and the day recorded with it make a second replica's pass find nothing
 * left to report. Time is the {@link UsageClock}'s, so tests move it instead of waiting.
 */
@ApplicationScoped
public class UsageSweep {

    /** Products decided per transaction. */
    static final int PAGE = 100;

    @Inject
    UsageAnnouncer announcer;

    @Inject
    UsageConfig config;

    @Scheduled(
            every = "${tessera.usage.sweep-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        if (!config.enabled()) {
            return;
        }
        String after = "";
        while (after != null) {
            after = announcer.sweepPage(after, PAGE);
        }
    }
}
