package dev.tessera.portal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.Await;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.panel.Panel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The registry's domains, a page at a time or all of them, and which of them the signed-in user owns.
 * Ownership is read the way the services decide it: the user holds the domain-owner role and one of the
 * token's groups is the domain's owner group.
 */
@ApplicationScoped
public class DomainDirectory {

    /** All domains are read in pages of this size, at most {@link #MAX_PAGES} of them. */
    static final int PAGE = 200;

    static final int MAX_PAGES = 5;

    @Inject
    GatewayClient gateway;

    @Inject
    PortalConfig config;

    /** One page of domains and the cursor of the next (null on the last). */
    public record Page(List<Domain> domains, String next) {

        public static Page of(JsonNode body) {
            List<Domain> domains = new ArrayList<>();
            body.path("items").forEach(d -> domains.add(Domain.of(d)));
            return new Page(
                    domains, body.path("next").isTextual() ? body.path("next").asText() : null);
        }
    }

    /** Starts reading one page of domains, in id order. */
    public CompletableFuture<ApiResponse> page(String cursor, int limit) {
        return gateway.get(
                "/api/registry/v1/domains",
                cursor == null || cursor.isBlank()
                        ? Map.of("limit", List.of(String.valueOf(limit)))
                        : Map.of("limit", List.of(String.valueOf(limit)), "cursor", List.of(cursor)));
    }

    /** Every domain, following the registry's pages (up to {@code MAX_PAGES * PAGE} domains). */
    public Panel<List<Domain>> all(String what) {
        List<Domain> all = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            ApiResponse answer =
                    Await.answer(page(cursor, PAGE), config.callTimeout().toMillis());
            if (!answer.ok()) {
                return Panel.of(what, answer, body -> null);
            }
            Page page = Page.of(answer.body());
            all.addAll(page.domains());
            cursor = page.next();
            if (cursor == null) {
                break;
            }
        }
        return Panel.ready(all);
    }

    /** The domains among {@code domains} that a user holding {@code groups} owns, if they are a domain owner. */
    public static List<Domain> owned(List<Domain> domains, boolean domainOwner, Set<String> groups) {
        if (!domainOwner) {
            return List.of();
        }
        return domains.stream().filter(d -> groups.contains(d.ownerGroup())).toList();
    }
}
