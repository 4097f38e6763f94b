package dev.tessera.platform.security;

/** Realm roles Tessera understands (see the Keycloak realm export). */
public final class Roles {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String GOVERNANCE_OFFICER = "governance-officer";
    public static final String DOMAIN_OWNER = "domain-owner";
    public static final String DATA_CONSUMER = "data-consumer";

    private Roles() {}
}
