package dev.tessera.registry.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "tessera.outbox")
public interface OutboxConfig {

    /** How often the relay looks for unpublished events when nothing woke it earlier. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Most events relayed per round. */
    @WithDefault("200")
    int batchSize();

    /** How long a round waits for the broker's acknowledgements before retrying the rest later. */
    @WithDefault("20s")
    Duration ackTimeout();

    /** Longest pause between rounds while the broker keeps failing. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** PostgreSQL advisory lock key: only the instance holding it relays, which keeps per-aggregate order. */
    @WithDefault("720101")
    long leaderLockKey();

    /** Set false to keep events in the outbox (tests that inspect it, maintenance). */
    @WithDefault("true")
    boolean enabled();
}
