package dev.tessera.governance.quality.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns ports STALE when their freshness deadline passes without a write; nobody has to send
 * anything for that. A write turns them back as it is recorded. With the default interval a breach
 * shows within 15 seconds of its deadline.
 */
@ApplicationScoped
public class FreshnessWatch {

    /** Products decided per transaction; the watch keeps going while pages come back full. */
    static final int PAGE = 200;

    @Inject
    QualityRecorder recorder;

    @Scheduled(
            every = "${tessera.governance.quality.freshness-check-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        while (recorder.decideOverdue(PAGE) == PAGE) {
            // Another full page may be waiting.
        }
    }
}
