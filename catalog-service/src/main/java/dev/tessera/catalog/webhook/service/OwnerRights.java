package dev.tessera.catalog.webhook.service;

import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.feed.repository.FeedRow;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.catalog.webhook.client.KeycloakDirectory;
import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import dev.tessera.platform.security.Roles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Decides, before each delivery, whether a subscription's owner may see the event now. A subscription
 * keeps the rights its owner's token carried when subscribing, but those are only an upper bound: the
 * owner's account must still exist and be enabled and hold a Tessera role, and an unpublished event is
 * sent only if the owner still sees that domain's unpublished work (platform admin or governance
 * officer, or domain owner and member of the domain's group); those same rights decide whether a usage
 * event may name the product's consumers. What the owner may see is asked of Keycloak,
 * as the catalog's service account, and reused for a short while ({@code remember-for}); when Keycloak
 * cannot answer nothing is assumed and the attempt counts as failed, to be retried.
 */
@ApplicationScoped
public class OwnerRights {

    /** What to do with one delivery. */
    public enum Decision {
        /** The owner may see the event: send it. */
        DELIVER,
        /**
         * The owner may see the event but not who uses its product (they are no owner of its domain,
         * governance officer or platform admin): send it without the consumers it names.
         */
        DELIVER_WITHOUT_CONSUMERS,
        /** The owner may not see it (any longer): do not send it, and do not retry. */
        WITHHOLD,
        /** The owner's rights could not be checked: do not send it now, try again later. */
        UNKNOWN
    }

    private static final Logger LOG = Logger.getLogger(OwnerRights.class);

    /** Realm roles that let a token past the platform's doors. */
    private static final Set<String> TESSERA_ROLES = Set.of(
            Roles.PLATFORM_ADMIN,
            Roles.GOVERNANCE_OFFICER,
            Roles.DOMAIN_OWNER,
            Roles.DATA_CONSUMER,
            "lineage-producer");

    /** An owner's rights now: whether the account may use the platform at all, and what it sees. */
    private record Current(boolean active, Visibility visibility, Instant until) {}

    @Inject
    CatalogConfig config;

    @Inject
    KeycloakDirectory directory;

    private final Map<String, Current> remembered = new ConcurrentHashMap<>();

    void checkSettings(@Observes StartupEvent ignored) {
        CatalogConfig.OwnerRights settings = config.webhooks().ownerRights();
        if (settings.source() == CatalogConfig.OwnerRights.Source.KEYCLOAK
                && (settings.realmUrl().isEmpty() || settings.clientSecret().isEmpty())) {
            throw new IllegalStateException("Webhook deliveries re-check their owners' rights in Keycloak: set"
                    + " tessera.catalog.webhooks.owner-rights.realm-url and .client-secret (the tessera-catalog"
                    + " client's secret), or, for development with self-minted tokens only, set"
                    + " tessera.catalog.webhooks.owner-rights.source=subscription.");
        }
        if (settings.source() == CatalogConfig.OwnerRights.Source.SUBSCRIPTION) {
            LOG.warn("Webhook owners' rights are not re-checked (owner-rights.source=subscription): a subscription"
                    + " keeps the rights its owner had when subscribing. Meant for development and tests only.");
        }
    }

    /** Whether a subscription's owner may be sent this event now. */
    public Decision decide(SubscriptionEntity subscription, FeedRow event) {
        Visibility captured = new Visibility(subscription.seesAll, Set.of(subscription.privilegedDomains));
        Current current;
        if (config.webhooks().ownerRights().source() == CatalogConfig.OwnerRights.Source.SUBSCRIPTION) {
            current = new Current(true, captured, Instant.MAX);
        } else {
            try {
                current = current(subscription);
            } catch (KeycloakDirectory.Unavailable e) {
                LOG.warnf("Could not check the current rights of %s: %s", subscription.owner, e.getMessage());
                return Decision.UNKNOWN;
            }
        }
        if (!current.active()) {
            return Decision.WITHHOLD;
        }
        String domain = event.domainId();
        boolean privileged =
                captured.privilegedIn(domain) && current.visibility().privilegedIn(domain);
        if (privileged) {
            return Decision.DELIVER;
        }
        return event.publicEvent() ? Decision.DELIVER_WITHOUT_CONSUMERS : Decision.WITHHOLD;
    }

    private Current current(SubscriptionEntity s) {
        String key = s.ownerSubject != null ? "sub:" + s.ownerSubject : "name:" + s.owner;
        Instant now = Instant.now();
        Current known = remembered.get(key);
        if (known != null && now.isBefore(known.until())) {
            return known;
        }
        Optional<KeycloakDirectory.Account> account = directory.account(s.ownerSubject, s.owner);
        Instant until = now.plus(config.webhooks().ownerRights().rememberFor());
        Current fresh = account.filter(KeycloakDirectory.Account::enabled)
                .map(a -> {
                    Set<String> roles = a.realmRoles();
                    boolean all = roles.contains(Roles.PLATFORM_ADMIN) || roles.contains(Roles.GOVERNANCE_OFFICER);
                    Set<String> owned = roles.contains(Roles.DOMAIN_OWNER) ? a.domains() : Set.of();
                    boolean active = roles.stream().anyMatch(TESSERA_ROLES::contains);
                    return new Current(active, new Visibility(all, owned), until);
                })
                .orElseGet(() -> new Current(false, new Visibility(false, Set.of()), until));
        if (until.isAfter(now)) {
            remembered.put(key, fresh);
        } else {
            remembered.remove(key);
        }
        return fresh;
    }
}
