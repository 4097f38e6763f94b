package dev.tessera.lineage.usage.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The time usage is counted at: which days the windows cover, when a product turns unused, which
 * day a refresh belongs to. One bean, so that tests can replace it with a clock they move instead
 * of waiting. Days are UTC days.
 */
@ApplicationScoped
public class UsageClock {

    private final Clock clock;

    public UsageClock() {
        this(Clock.systemUTC());
    }

    protected UsageClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The UTC day of {@link #now()}. */
    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }
}
