package dev.tessera.governance.usage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.governance.policy.engine.UsageValue;
import dev.tessera.governance.usage.repository.UsageStateEntity;
import dev.tessera.governance.usage.repository.UsageStateRepository;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The officers' usage report: per domain, the products nobody uses and the shadow consumers of its
 * products, from lineage's latest usage records. Governance officers and platform admins see every
 * domain; domain owners see their own domains only; everyone else is refused.
 */
@ApplicationScoped
public class UsageReport {

    @Inject
    UsageStateRepository usage;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    /** Where a page ends: the last product it holds, in (domain, product) order. */
    public record Key(String domainId, String productId) {}

    /**
     * One page: the findings of up to {@code limit} products, grouped by domain in domain order (a
     * domain with more products than a page holds continues on the next), and the key to continue
     * after, null on the last page.
     */
    public record Page(List<UsageFindings> domains, Key next) {}

    /**
     * A page of the report.
     *
     * @param domain only this domain; null for every domain the caller may see
     * @param after the key a previous page ended with, or null
     * @param limit the most products a page reports on
     */
    @Transactional
    public Page page(String domain, Key after, int limit) {
        Set<String> visible = visibleDomains(domain);
        List<UsageStateEntity> rows = usage.findingsAfter(
                visible, after == null ? null : after.domainId(), after == null ? null : after.productId(), limit + 1);
        boolean more = rows.size() > limit;
        List<UsageStateEntity> page = more ? rows.subList(0, limit) : rows;
        Instant now = Instant.now();
        List<UsageFindings> domains = new ArrayList<>();
        Group group = null;
        for (UsageStateEntity row : page) {
            if (group == null || !group.domainId.equals(row.domainId)) {
                if (group != null) {
                    domains.add(group.findings());
                }
                group = new Group(row.domainId);
            }
            group.add(row, read(row), now);
        }
        if (group != null) {
            domains.add(group.findings());
        }
        UsageStateEntity last = more ? page.getLast() : null;
        return new Page(domains, last == null ? null : new Key(last.domainId, last.productId));
    }

    /**
     * The domains the caller may see, narrowed to {@code domain} when one is asked for; null stands for
     * every domain. Refuses with 403 a caller who may see none of what was asked.
     */
    private Set<String> visibleDomains(String domain) {
        if (caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER)) {
            return domain == null ? null : Set.of(domain);
        }
        Set<String> owned = caller.hasRole(Roles.DOMAIN_OWNER) ? caller.ownedDomains() : Set.of();
        if (owned.isEmpty()) {
            throw ApiException.forbidden("The usage report is for governance officers, platform admins and the owners"
                    + " of a domain (for their own domains); your token carries none of these roles with a domain.");
        }
        if (domain == null) {
            return owned;
        }
        if (!owned.contains(domain)) {
            throw ApiException.forbidden("Domain '" + domain + "' is not one of yours; as a domain owner you see the"
                    + " usage report of " + owned.stream().sorted().toList() + ". Leave domain out to see them all.");
        }
        return Set.of(domain);
    }

    private UsageStateV1 read(UsageStateEntity row) {
        try {
            return json.readValue(row.state, UsageStateV1.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored usage of " + row.productId + " is unreadable", e);
        }
    }

    /** One domain's findings as the page is read. */
    private static final class Group {
        private final String domainId;
        private final List<UsageFindings.Unused> unused = new ArrayList<>();
        private final List<UsageFindings.Shadow> shadows = new ArrayList<>();
        private int shadowTotal;

        Group(String domainId) {
            this.domainId = domainId;
        }

        void add(UsageStateEntity row, UsageStateV1 state, Instant now) {
            if (row.unused) {
                UsageStateV1.Attention attention = state.attention();
                unused.add(new UsageFindings.Unused(
                        row.productId,
                        row.unusedSince,
                        state.unusedAfterDays(),
                        UsageValue.daysSinceLastUse(state, now),
                        state.lastReadAt(),
                        attention == null ? null : attention.lastViewedAt()));
            }
            shadowTotal += row.shadowConsumers;
            if (state.shadowConsumers() != null) {
                state.shadowConsumers().stream()
                        .filter(Objects::nonNull)
                        .map(c -> new UsageFindings.Shadow(
                                row.productId,
                                c.job() != null ? c.job() : c.subject(),
                                c.productId(),
                                c.domainId(),
                                c.runs(),
                                c.firstReadAt(),
                                c.lastReadAt()))
                        .forEach(shadows::add);
            }
        }

        UsageFindings findings() {
            return new UsageFindings(
                    domainId.isEmpty() ? null : domainId, List.copyOf(unused), List.copyOf(shadows), shadowTotal);
        }
    }
}
