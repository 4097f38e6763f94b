package dev.tessera.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the catalog service. */
@ConfigMapping(prefix = "tessera.catalog")
public interface CatalogConfig {

    /** The search index. */
    Index index();

    /** Reconciliation of the index with the registry's current state. */
    Reconcile reconcile();

    /** Webhook deliveries. */
    Webhooks webhooks();

    /** Recording page views and sending the attention records. */
    Attention attention();

    /** Where the index lives on local disk. */
    interface Index {
        /** Folder holding the index generations; created if missing. */
        Path dir();

        /** Longest a rebuild may take before it is abandoned and the old index kept. */
        @WithDefault("30m")
        Duration rebuildTimeout();
    }

    /** Page views and attention records. */
    interface Attention {
        /** Page views waiting to be recorded, at most; a view beyond is dropped rather than slow its page. */
        @WithDefault("10000")
        int queueSize();

        /** How often records that are due (views held back by the hourly limit, fallen counts) are sent. */
        @WithDefault("1m")
        Duration sendInterval();
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

        /** Most subscriptions one owner may have; one more is refused with 409 naming this limit. */
        @WithDefault("20")
        int maxSubscriptionsPerOwner();

        /** Feed events matched against the subscriptions per fan-out transaction. */
        @WithDefault("100")
        int fanOutBatchSize();

        /** Where the catalog learns what a subscription's owner may see now, before each delivery. */
        OwnerRights ownerRights();

        /**
         * Key that seals subscription secrets at rest: 32 random bytes, base64-encoded ({@code openssl
         * rand -base64 32}); no default outside dev and test, so a production start without it fails.
         */
        String secretKey();
    }

    /** The look-up of a webhook owner's current rights. */
    interface OwnerRights {

        /** Where current rights come from. */
        enum Source {
            /** Keycloak's admin API, as the catalog's own service account: the account, its realm roles, its domain groups. */
            KEYCLOAK,
            /**
             * The rights the owner's token carried when subscribing, never re-checked: only for development and
             * tests whose tokens are minted without an identity provider, where there is nobody to ask.
             */
            SUBSCRIPTION
        }

        /** {@code keycloak} (the default) or {@code subscription} (development and tests only). */
        @WithDefault("keycloak")
        Source source();

        /** The realm's URL, e.g. {@code https://id.example.com/realms/tessera}; its admin API is derived from it. */
        Optional<String> realmUrl();

        /** The confidential client whose service account may view users ({@code realm-management/view-users}). */
        @WithDefault("tessera-catalog")
        String clientId();

        /** That client's secret; required with the {@code keycloak} source. */
        Optional<String> clientSecret();

        /** How long an owner's looked-up rights are reused before Keycloak is asked again. */
        @WithDefault("30s")
        Duration rememberFor();

        /** Timeout of one call to Keycloak. */
        @WithDefault("5s")
        Duration timeout();
    }
}
