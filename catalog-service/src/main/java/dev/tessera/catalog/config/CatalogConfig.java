package dev.tessera.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings of the catalog service. */
@ConfigMapping(prefix = "tessera.catalog")
public interface CatalogConfig {

    /** The search index. */
    Index index();

    /** Reconciliation of the index with the registry's current state. */
    Reconcile reconcile();

    /** Webhook deliveries. */
    Webhooks webhooks();

    /** Where the index lives on local disk. */
    interface Index {
        /** Folder holding the index generations; created if missing. */
        Path dir();

        /** Longest a rebuild may take before it is abandoned and the old index kept. */
        @WithDefault("30m")
        Duration rebuildTimeout();
    }

    /** Drift detection. */
    interface Reconcile {
        /** How often the scheduled reconciliation runs ({@code off} to disable). */
        @WithDefault("10m")
        String interval();

        /** Whether the scheduled reconciliation repairs what it finds, or only reports it. */
        @WithDefault("true")
        boolean autoRepair();
    }

    /** Webhook delivery behaviour. */
    interface Webhooks {
        /** How often due deliveries are looked for. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Failed attempts after which a delivery is dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the first retry; doubled after each further failure. */
        @WithDefault("10s")
        Duration initialBackoff();

        /** Upper bound of the wait between retries. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** Timeout of one delivery request. */
        @WithDefault("5s")
        Duration requestTimeout();

        /** Most deliveries attempted per round. */
        @WithDefault("50")
        int batchSize();

        /**
         * Hosts ({@code host} or {@code host:port}) exempt from the SSRF guard, for receivers an operator
         * trusts on internal addresses; {@code none} for no exemption.
         */
        @WithDefault("none")
        List<String> allowedTargets();

        /**
         * Key that seals subscription secrets at rest: 32 random bytes, base64-encoded ({@code openssl
         * rand -base64 32}); no default outside dev and test, so a production start without it fails.
         */
        String secretKey();
    }
}
