package dev.tessera.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where the portal finds the platform, and how it treats the browser. */
@ConfigMapping(prefix = "tessera.portal")
public interface PortalConfig {

    /** Base URL of the gateway every API call goes through, e.g. http://localhost:8080 (no trailing slash). */
    String gatewayUrl();

    /** Longest wait for one API call; a panel whose call takes longer says its backend did not answer. */
    @WithDefault("5s")
    Duration callTimeout();

    /**
     * The origin of the login pages browsers are sent to, when it is not the origin the portal reaches the
     * identity provider at (in a cluster the portal talks to Keycloak's Service, browsers to its Ingress
     * host). Forms may post there. Absent: the origin of {@code quarkus.oidc.auth-server-url}.
     */
    Optional<String> loginOrigin();

    /** Mark the portal's own cookies (the CSRF cookie) Secure; off only for plain-http local use. */
    @WithDefault("true")
    boolean secureCookies();

    /**
     * The realm roles that make a signed-in user a Tessera user (the gateway's coarse check); someone
     * holding none of them gets the 403 page instead of pages full of refusals.
     */
    @WithDefault("platform-admin,governance-officer,domain-owner,data-consumer,lineage-producer")
    List<String> roles();
}
