package dev.tessera.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * The owner group each domain names, as far as a service knows it (the registry owns domains; the
 * others learn them from {@code tessera.domains}). {@link Caller} asks this bean, when the service
 * has one, to decide which domains a token's groups own: a domain is owned by the members of exactly
 * its owner group, a full Keycloak group path such as {@code /domains/finance}.
 */
public interface DomainOwnerGroups {

    /** The path every domain's owner group has unless the registry records another one. */
    String DEFAULT_PARENT = "/domains/";

    /** The owner group recorded for a domain; empty when the domain or its owner group is unknown here. */
    Optional<String> ownerGroupOf(String domainId);

    /** Ids of the domains whose recorded owner group is one of {@code groups}. */
    Set<String> domainsOwnedBy(Set<String> groups);

    /** The owner group a domain has when none is recorded: {@code /domains/<domainId>}. */
    static String defaultOwnerGroup(String domainId) {
        return DEFAULT_PARENT + domainId;
    }

    /**
     * The ownership rule in one place: true if {@code groups} (full paths) hold the domain's owner
     * group, which is {@code recordedOwnerGroup} when there is one and {@code /domains/<domainId>}
     * otherwise. Exact path equality: no prefix, suffix or bare-name match.
     */
    static boolean grants(Set<String> groups, String domainId, String recordedOwnerGroup) {
        if (domainId == null || groups.isEmpty()) {
            return false;
        }
        String owner = recordedOwnerGroup == null || recordedOwnerGroup.isBlank()
                ? defaultOwnerGroup(domainId)
                : recordedOwnerGroup;
        return groups.contains(owner);
    }
}
