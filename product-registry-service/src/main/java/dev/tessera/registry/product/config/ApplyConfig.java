package dev.tessera.registry.product.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How applies are written: the group commit of single writes and the bounds of a bulk apply. */
@ConfigMapping(prefix = "tessera.registry.apply")
public interface ApplyConfig {

    /** Writer threads of the group commit; each product's writes always go to the same one. */
    @WithDefault("2")
    int writers();

    /** Most single writes (of distinct products) written together in one transaction. */
    @WithDefault("64")
    int maxGroup();

    /** How long a single write waits to be written before the caller is told to retry; it may still be written. */
    @WithDefault("30s")
    Duration timeout();

    /** Most items one bulk apply may carry; more is refused whole with a 413. */
    @WithDefault("1000")
    int maxBulkItems();
}
