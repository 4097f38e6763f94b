package dev.tessera.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Where the portal finds the platform, and how it treats the browser. */
@ConfigMapping(prefix = "tessera.portal")
public interface PortalConfig {

    /** Base URL of the gateway every API call goes through, e.g. http://localhost:8080 (no trailing slash). */
    String gatewayUrl();

    /** Longest wait for one API call; a panel whose call takes longer says its backend did not answer. */
    @WithDefault("5s")
    Duration callTimeout();

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
