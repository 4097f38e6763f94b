package dev.tessera.lineage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Bounds every traversal obeys, how single-event calls are written and how the index follows tessera.lineage. */
@ConfigMapping(prefix = "tessera.lineage")
public interface LineageConfig {

    /** Depth used when a query names none. */
    @WithDefault("3")
    int defaultDepth();

    /** Deepest traversal a caller may ask for; a larger depth is refused with 400. */
    @WithDefault("25")
    int maxDepth();

    /** Most nodes one traversal collects before it stops and answers partial. */
    @WithDefault("50000")
    int maxNodes();

    /** Longest a traversal may run before it stops and answers partial. */
    @WithDefault("400ms")
    Duration timeBudget();

    /** How single-event calls are written. */
    Ingest ingest();

    /** How this replica's index follows tessera.lineage. */
    Index index();

    /** The index feed: every replica reads every change under a consumer group of its own. */
    interface Index {

        /** The topic every replica follows (declared here so the Kafka ACL checks see this reader). */
        @WithDefault("tessera.lineage")
        String topic();

        /** The start of every replica's consumer group name; the instance follows it. */
        @WithDefault("lineage-index-")
        String groupPrefix();

        /**
         * What names this replica's consumer group after the prefix; by default the host
         * name and a random suffix, so no two processes (nor two starts of one pod) share a group.
         */
        Optional<String> instance();

        /** Longest the start waits for the broker to say where tessera.lineage ends. */
        @WithDefault("10s")
        Duration kafkaTimeout();
    }

    /** Group commit of single-event calls. */
    interface Ingest {

        /**
         * Threads writing groups of waiting calls, each group in one transaction. One by default: a
         * group costs a few round trips whatever its size, so one writer that takes everything
         * waiting each time it starts a transaction forms the largest groups; a second writer only
         * splits them.
         */
        @WithDefault("1")
        int writers();

        /** Most calls one transaction writes together. */
        @WithDefault("2048")
        int maxGroup();

        /** Longest a call waits for its group to be written before it fails. */
        @WithDefault("30s")
        Duration timeout();
    }
}
