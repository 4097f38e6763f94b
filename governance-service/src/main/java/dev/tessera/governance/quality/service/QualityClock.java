package dev.tessera.governance.quality.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The time quality decisions are made at: freshness deadlines, status changes, the policy variable.
 * One bean, so that tests can replace it with a clock they move instead of waiting.
 */
@ApplicationScoped
public class QualityClock {

    private final Clock clock;

    public QualityClock() {
        this(Clock.systemUTC());
    }

    protected QualityClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }
}
