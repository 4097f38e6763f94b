package dev.tessera.portal.governance;

import static dev.tessera.portal.api.GatewayClient.segment;

import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.Await;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.compliance.FailingProducts;
import dev.tessera.portal.compliance.LowestScores;
import dev.tessera.portal.compliance.ScoreTrend;
import dev.tessera.portal.compliance.TrendChart;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.domain.Domain;
import dev.tessera.portal.domain.DomainDirectory;
import dev.tessera.portal.panel.Panel;
import dev.tessera.portal.web.ErrorPages;
import dev.tessera.portal.web.Session;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The estate's compliance for governance officers and platform admins: the platform's score and the
 * domains' scores with their trend (a chart drawn on the server, and the same numbers as a table), the
 * products with the lowest scores and the policies they fail, and the policies with their history.
 * Anyone else gets the 403 page: the services would show them only part of the estate, which would read
 * as the whole.
 */
@Path("/governance")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class GovernancePage {

    static final int DAYS = 30;
    /** Domains per page of the score table; each is one more line in the chart. */
    static final int DOMAINS = 8;
    /** Products read for the failing policies. */
    static final int LOWEST = 20;

    static final int POLICIES = 200;

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance governance(
                Panel<ScoreTrend> platform,
                Panel<DomainScores> domains,
                TrendChart chart,
                Panel<FailingProducts> failing,
                Panel<List<PolicyView>> policies);

        static native TemplateInstance policy(
                String id, Panel<PolicyView> policy, Panel<List<PolicyView.Version>> history);
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

    @GET
    public TemplateInstance page(@QueryParam("domains") String cursor) {
        requireOfficer();
        long timeout = config.callTimeout().toMillis();
        Map<String, List<String>> days = Map.of("days", List.of(String.valueOf(DAYS)));
        CompletableFuture<ApiResponse> platformCall = gateway.get("/api/governance/v1/scores/platform", days);
        CompletableFuture<ApiResponse> policiesCall =
                gateway.get("/api/governance/v1/policies", Map.of("limit", List.of(String.valueOf(POLICIES))));
        Panel<DomainDirectory.Page> domainPage =
                Panel.of("Scores by domain", directory.page(cursor, DOMAINS), timeout, DomainDirectory.Page::of);

        Map<Domain, CompletableFuture<ApiResponse>> scoreCalls = new LinkedHashMap<>();
        if (domainPage.ready()) {
            for (Domain d : domainPage.data().domains()) {
                scoreCalls.put(d, gateway.get("/api/governance/v1/scores/domains/" + segment(d.id()), days));
            }
        }
        Panel<FailingProducts> failing = lowest.find("Products with failing policies", Map.of(), LOWEST);
        Panel<ScoreTrend> platform = Panel.of("The platform's score", platformCall, timeout, ScoreTrend::of);

        List<DomainScores.Row> rows = new ArrayList<>();
        scoreCalls.forEach((domain, call) -> rows.add(row(domain, Await.answer(call, timeout))));
        Panel<DomainScores> domains = domainPage.ready()
                ? Panel.ready(new DomainScores(rows, next(domainPage.data().next())))
                : new Panel<>(domainPage.state(), null, domainPage.message());

        List<TrendChart.Series> series = new ArrayList<>();
        if (platform.ready()) {
            series.add(new TrendChart.Series("Platform", platform.data().points()));
        }
        rows.stream()
                .filter(r -> r.score() != null)
                .forEach(r -> series.add(
                        new TrendChart.Series(r.domain().id(), r.score().points())));
        TrendChart chart =
                TrendChart.of("Compliance scores, last " + DAYS + " days", series, LocalDate.now(ZoneOffset.UTC), DAYS);

        Panel<List<PolicyView>> policies = Panel.of("The policies", policiesCall, timeout, PolicyView::list);
        return Templates.governance(platform, domains, chart, failing, policies);
    }

    @GET
    @Path("policies/{id}")
    public TemplateInstance policy(@PathParam("id") String id) {
        requireOfficer();
        if (id == null || !ID.matcher(id).matches()) {
            throw new ErrorPages.PageNotFoundException("There is no such policy.");
        }
        long timeout = config.callTimeout().toMillis();
        CompletableFuture<ApiResponse> current = gateway.get("/api/governance/v1/policies/" + segment(id));
        CompletableFuture<ApiResponse> history = gateway.get("/api/governance/v1/policies/" + segment(id) + "/history");
        Panel<List<PolicyView.Version>> versions =
                Panel.of("The policy's history", history, timeout, PolicyView.Version::list);
        Panel<PolicyView> policy = Panel.of("This policy", current, timeout, PolicyView::of);
        if (policy.state() == Panel.State.NOT_FOUND && versions.state() == Panel.State.NOT_FOUND) {
            throw new ErrorPages.PageNotFoundException("There is no policy '" + id + "'.");
        }
        return Templates.policy(id, policy, versions);
    }

    private void requireOfficer() {
        if (!session.officer()) {
            throw new ErrorPages.PageForbiddenException("The governance page is for governance officers and platform"
                    + " admins. Your own domains' compliance is on My work and on each domain's page.");
        }
    }

    private static DomainScores.Row row(Domain domain, ApiResponse answer) {
        if (answer.status() == 404) {
            return new DomainScores.Row(domain, null, "No evaluated product yet.");
        }
        Panel<ScoreTrend> score = Panel.of("Its score", answer, ScoreTrend::of);
        return score.ready()
                ? new DomainScores.Row(domain, score.data(), null)
                : new DomainScores.Row(domain, null, score.message());
    }

    private static String next(String cursor) {
        return cursor == null ? null : "/governance?domains=" + segment(cursor) + "#domains";
    }
}
