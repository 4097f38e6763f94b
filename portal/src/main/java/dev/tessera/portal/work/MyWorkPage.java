package dev.tessera.portal.work;

import static dev.tessera.portal.api.GatewayClient.segment;

import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.Await;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.compliance.FailingProducts;
import dev.tessera.portal.compliance.LowestScores;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.domain.Domain;
import dev.tessera.portal.domain.DomainDirectory;
import dev.tessera.portal.panel.Panel;
import dev.tessera.portal.web.Csrf;
import dev.tessera.portal.web.ErrorPages;
import dev.tessera.portal.web.Session;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;

/**
 * My work: what is waiting for the signed-in user. Everyone sees their access requests and where each
 * stands; domain owners (and platform admins, and people a port's contract names as approvers) see the
 * requests waiting for their decision, with Approve and Reject (a reason required) forms, and owners
 * see their domains' products that fail policies. A decision is sent to governance with the user's
 * own token, so governance decides whether the user may take it.
 */
@Path("/me")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class MyWorkPage {

    static final int REQUESTS = 200;
    static final int LOWEST = 20;
    /** Access request ids as governance issues them; anything else is a 404 page. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance work(
                Panel<AccessRequests> requests,
                Panel<AccessRequests.Request> decided,
                boolean decider,
                Panel<List<Domain>> owned,
                Panel<FailingProducts> failing,
                DecisionForm form);
    }

    @Inject
    GatewayClient gateway;

    @Inject
    DomainDirectory directory;

    @Inject
    LowestScores lowest;

    @Inject
    PortalConfig config;

    @Inject
    Session session;

    @Inject
    Csrf csrf;

    @GET
    public TemplateInstance page(@QueryParam("decided") String decided) {
        return render(decided != null && ID.matcher(decided).matches() ? decided : null, DecisionForm.none());
    }

    /**
     * Sends an approver's decision to governance and comes back to My work showing the request's new
     * status (303, so a reload does not send it again). A decision that is not valid (a rejection without
     * a reason) re-renders the page with the error next to that request and sends nothing.
     */
    @POST
    @Path("access-requests/{id}/decision")
    public Response decide(
            @PathParam("id") String id,
            @RestForm(Csrf.FIELD) String token,
            @RestForm("decision") String decision,
            @RestForm("reason") String reason) {
        csrf.verify(token);
        if (id == null || !ID.matcher(id).matches()) {
            throw new ErrorPages.PageNotFoundException("There is no such access request.");
        }
        DecisionForm form = DecisionForm.of(id, decision, reason);
        if (!form.valid()) {
            return page(400, render(null, form));
        }
        ApiResponse sent = Await.answer(
                gateway.post("/api/governance/v1/access-requests/" + segment(id) + "/decision", form.body()),
                config.callTimeout().toMillis() + 1000);
        if (sent.ok()) {
            return Response.seeOther(URI.create("/me?decided=" + segment(id) + "#decided"))
                    .build();
        }
        if (sent.unavailable()) {
            return page(
                    503,
                    render(
                            null,
                            form.failed("Governance did not answer, so the decision may not have been recorded."
                                    + " Reload My work to see the request's status before you send it again.")));
        }
        return page(sent.status() >= 500 ? 502 : sent.status(), render(null, form.failed(sent.detail())));
    }

    private TemplateInstance render(String decided, DecisionForm form) {
        long timeout = config.callTimeout().toMillis();
        // Governance's calls are in flight while the registry says which domains are the user's.
        CompletableFuture<ApiResponse> requestsCall =
                gateway.get("/api/governance/v1/access-requests", Map.of("limit", List.of(String.valueOf(REQUESTS))));
        CompletableFuture<ApiResponse> decidedCall =
                decided == null ? null : gateway.get("/api/governance/v1/access-requests/" + segment(decided));

        Panel<List<Domain>> owned = null;
        Panel<FailingProducts> failing = null;
        Set<String> ownedIds;
        if (session.domainOwner()) {
            Panel<List<Domain>> all = directory.all("Your domains");
            owned = all.ready() ? Panel.ready(DomainDirectory.owned(all.data(), true, session.groups())) : all;
            ownedIds = owned.ready()
                    ? owned.data().stream().map(Domain::id).collect(Collectors.toSet())
                    : defaultOwnedIds(session.groups());
            if (owned.ready() && !ownedIds.isEmpty()) {
                failing = lowest.find(
                        "Your domains' products with failing policies",
                        Map.of("domain", List.copyOf(ownedIds)),
                        LOWEST);
            }
        } else {
            ownedIds = Set.of();
        }

        String me = session.name();
        boolean admin = session.admin();
        Predicate<AccessRequests.Request> mayDecide =
                r -> admin || ownedIds.contains(r.domain()) || r.approvers().contains(me);
        Panel<AccessRequests> requests =
                Panel.of("Access requests", requestsCall, timeout, body -> AccessRequests.of(body, me, mayDecide));
        Panel<AccessRequests.Request> decidedPanel = decidedCall == null
                ? null
                : Panel.of("The request you decided", decidedCall, timeout, AccessRequests.Request::of);
        boolean decider = admin
                || session.domainOwner()
                || (requests.ready() && !requests.data().waiting().isEmpty());
        return Templates.work(requests, decidedPanel, decider, owned, failing, form);
    }

    /**
     * The domains a domain owner's groups name by the registry's default convention ({@code /domains/<id>}),
     * for when the registry cannot say which owner group each domain has.
     */
    private static Set<String> defaultOwnedIds(Set<String> groups) {
        return groups.stream()
                .filter(g -> g.startsWith("/domains/") && g.indexOf('/', "/domains/".length()) < 0)
                .map(g -> g.substring("/domains/".length()))
                .collect(Collectors.toSet());
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status)
                .entity(page.render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }
}
