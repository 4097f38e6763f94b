package dev.tessera.local;

/**
 * The platform's processes, in the order they start: a tier starts once every process of the tiers
 * before it is ready.
 *
 * @param module the Maven module whose fast-jar is started
 * @param database the service's own database on the shared PostgreSQL server, or null
 * @param defaultPort the port the run command uses (tests take free ports)
 * @param tier start order
 */
public enum PlatformService {
    REGISTRY("product-registry-service", "registry", 8081, 1),
    GOVERNANCE("governance-service", "governance", 8082, 2),
    LINEAGE("lineage-service", "lineage", 8083, 2),
    CATALOG("catalog-service", "catalog", 8084, 2),
    GATEWAY("gateway", null, 8080, 3),
    /** The web UI; browsers reach it through the gateway at {@code /}, never on its own port. */
    PORTAL("portal", null, 8085, 4);

    private final String module;
    private final String database;
    private final int defaultPort;
    private final int tier;

    PlatformService(String module, String database, int defaultPort, int tier) {
        this.module = module;
        this.database = database;
        this.defaultPort = defaultPort;
        this.tier = tier;
    }

    public String module() {
        return module;
    }

    public String database() {
        return database;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public int tier() {
        return tier;
    }

    /** The gateway's name for this backend ({@code tessera.gateway.backends.<name>.url}). */
    public String gatewayRoute() {
        return this == REGISTRY ? "registry" : label();
    }

    /** The short name used for log files and messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
