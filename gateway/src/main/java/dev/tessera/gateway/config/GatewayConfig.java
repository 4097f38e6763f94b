package dev.tessera.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Where the gateway sends what, and the limits it holds every caller to. */
@ConfigMapping(prefix = "tessera.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name (registry, governance, lineage, catalog). */
    Map<String, Backend> backends();

    /** Public path prefixes and the backend each one goes to, by route name. */
    Map<String, Route> routes();

    /** Largest request body forwarded, in bytes; larger ones are refused with 413 before a backend sees them. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * Largest request body forwarded to a bulk endpoint (a path ending in {@code /bulk}), in bytes: many
     * items, each of which the service still holds to {@link #maxBodyBytes()}. The services take the same.
     */
    @WithDefault("16777216")
    long maxBulkBodyBytes();

    /** The largest body forwarded to this path: {@link #maxBulkBodyBytes()} for a bulk endpoint, else {@link #maxBodyBytes()}. */
    default long maxBodyBytes(String path) {
        return path != null && path.endsWith("/bulk") ? maxBulkBodyBytes() : maxBodyBytes();
    }

    /**
     * Proxy a routed call whose token was verified within the last minute without running Quarkus'
     * security chain again (the same checks, decided from the remembered identity).
     */
    @WithDefault("true")
    boolean rememberedTokenShortcut();

    /** Rate limit for routes that set none. */
    RateLimit rateLimit();

    /** When a backend's breaker opens and for how long. */
    Circuit circuit();

    /** One service behind the gateway. */
    interface Backend {
        /** Base URL, e.g. http://localhost:8081. */
        String url();

        /** Longest wait for the backend's response headers (and between body chunks) before a 503. */
        @WithDefault("10s")
        Duration timeout();

        /** Longest wait for a TCP connection to the backend. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Whether the backend serves an API merged into {@code /openapi}; the web UI serves pages, not an API. */
        @WithDefault("true")
        boolean api();

        /** Path of the backend's OpenAPI document, merged into the gateway's aggregated one. */
        @WithDefault("/q/openapi?format=json")
        String openapiPath();
    }

    /** One public path prefix. */
    interface Route {
        /** Public prefix, e.g. /api/registry; the prefix itself and everything below it is routed. */
        String prefix();

        /** Name of the backend in {@link #backends()}. */
        String backend();

        /** Replaces {@link #prefix()} on the way to the backend; absent means the path is sent unchanged. */
        Optional<String> rewrite();

        /** Per-route rate limit; absent means the default {@link GatewayConfig#rateLimit()}. */
        Optional<Integer> requestsPerSecond();

        /** Burst allowance for the per-route limit. */
        Optional<Integer> burst();
    }

    /** Token-bucket rate limit, per client and per route. */
    interface RateLimit {
        /** Sustained requests per second one client may send to one route. */
        @WithDefault("50")
        int requestsPerSecond();

        /** How many requests a client may send at once after being idle. */
        @WithDefault("100")
        int burst();
    }

    /** Circuit breaker settings, the same for every backend. */
    interface Circuit {
        /** Consecutive failures (unreachable, timeout, 5xx) that open a backend's breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker refuses at once before letting one trial request through. */
        @WithDefault("10s")
        Duration openFor();
    }
}
