package dev.tessera.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "tessera.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /tessera/product-registry}. */
    java.net.URI source();

    /** Topics this service publishes that keep only the latest record per key (created compacted). */
    @WithDefault("none")
    java.util.List<String> compactedTopics();

    /** Other topics this service publishes (created with the broker's default retention). */
    @WithDefault("none")
    java.util.List<String> topics();

    /** Partitions of topics the service creates itself. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of topics the service creates itself. */
    @WithDefault("1")
    short replicationFactor();

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
