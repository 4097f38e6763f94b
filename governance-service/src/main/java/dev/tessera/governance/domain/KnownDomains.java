package dev.tessera.governance.domain;

import dev.tessera.events.domain.DomainStateV1;
import dev.tessera.platform.security.DomainOwnerGroups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The domains governance knows of, learned from {@code tessera.domains}. Policies scoped to a
 * domain are refused unless the domain is known here. Each domain's owner group, as announced,
 * decides who owns it ({@link dev.tessera.platform.security.Caller#ownsDomain}).
 */
@ApplicationScoped
public class KnownDomains implements DomainOwnerGroups {

    @Inject
    EntityManager em;

    /** What governance knows of one domain. */
    public record Domain(String id, long sequence, String name, String parentId, Instant updatedAt) {}

    /** Applies a domain state unless an equal or newer one was applied; true when it changed. */
    public boolean apply(DomainStateV1 state) {
        return em.createNativeQuery(
                                "INSERT INTO known_domain (domain_id, sequence, name, parent_id, updated_at, owner_group)"
                                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                        + " ON CONFLICT (domain_id) DO UPDATE SET sequence = EXCLUDED.sequence,"
                                        + " name = EXCLUDED.name, parent_id = EXCLUDED.parent_id,"
                                        + " updated_at = EXCLUDED.updated_at, owner_group = EXCLUDED.owner_group"
                                        + " WHERE known_domain.sequence < EXCLUDED.sequence")
                        .setParameter(1, state.domainId())
                        .setParameter(2, state.sequence())
                        .setParameter(3, state.name())
                        .setParameter(4, state.parentId())
                        .setParameter(5, state.updatedAt() == null ? Instant.now() : state.updatedAt())
                        .setParameter(6, state.ownerGroup())
                        .executeUpdate()
                == 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<String> ownerGroupOf(String domainId) {
        List<Object> rows = em.createNativeQuery("SELECT owner_group FROM known_domain WHERE domain_id = ?1")
                .setParameter(1, domainId)
                .getResultList();
        return rows.stream()
                .filter(java.util.Objects::nonNull)
                .map(String.class::cast)
                .findFirst();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<String> domainsOwnedBy(Set<String> groups) {
        if (groups.isEmpty()) {
            return Set.of();
        }
        List<Object> rows = em.createNativeQuery("SELECT domain_id FROM known_domain WHERE owner_group IN (?1)")
                .setParameter(1, List.copyOf(groups))
                .getResultList();
        return rows.stream().map(String.class::cast).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public boolean exists(String domainId) {
        return !em.createNativeQuery("SELECT 1 FROM known_domain WHERE domain_id = ?1")
                .setParameter(1, domainId)
                .getResultList()
                .isEmpty();
    }

    public Optional<Domain> find(String domainId) {
        return page(domainId, null, 1).stream().findFirst();
    }

    /** Domains in id order after {@code afterId}; with {@code exactly} set, only that one. */
    @SuppressWarnings("unchecked")
    public List<Domain> page(String exactly, String afterId, int limit) {
        String where = exactly != null ? " WHERE domain_id = ?1" : afterId != null ? " WHERE domain_id > ?1" : "";
        var query = em.createNativeQuery("SELECT domain_id, sequence, name, parent_id, updated_at FROM known_domain"
                        + where + " ORDER BY domain_id")
                .setMaxResults(limit);
        if (exactly != null) {
            query.setParameter(1, exactly);
        } else if (afterId != null) {
            query.setParameter(1, afterId);
        }
        return ((List<Object[]>) query.getResultList())
                .stream()
                        .map(r -> new Domain(
                                (String) r[0],
                                ((Number) r[1]).longValue(),
                                (String) r[2],
                                (String) r[3],
                                r[4] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) r[4]))
                        .toList();
    }
}
