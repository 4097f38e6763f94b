package dev.tessera.lineage.usage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** How lineage counts the usage of products and when it calls one unused. */
@ConfigMapping(prefix = "tessera.usage")
public interface UsageConfig {

    /**
     * Whether ingest counts reads and usage events are sent. Off, ingest records nothing about
     * usage, no usage event is sent, and the usage API answers from what was counted before; the
     * usage benchmark's "off" side runs so.
     */
    @WithDefault("true")
    boolean enabled();

    /** Days without an observed read or a page view after which a published product is unused. */
    @WithDefault("90")
    @Min(1)
    @Max(3650)
    int unusedAfterDays();

    /**
     * How often the sweep looks for products that became unused or used again and for the day's
     * refresh of counts that moved (read by the scheduler as {@code tessera.usage.sweep-interval}).
     */
    @WithDefault("1m")
    Duration sweepInterval();
}
