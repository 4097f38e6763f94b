package dev.tessera.catalog.attention.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The time page views are recorded and attention records are sent at: which day a view counts for, and
 * whether an hour has passed since a product's last record. One bean, so that tests can replace it with
 * a clock they move instead of waiting.
 */
@ApplicationScoped
public class AttentionClock {

    private final Clock clock;

    public AttentionClock() {
        this(Clock.systemUTC());
    }

    protected AttentionClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }
}
