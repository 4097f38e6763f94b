package dev.tessera.lineage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds every traversal obeys, so no query can time out or exhaust memory. */
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
