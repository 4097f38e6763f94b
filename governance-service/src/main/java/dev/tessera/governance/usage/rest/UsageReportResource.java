package dev.tessera.governance.usage.rest;

import dev.tessera.governance.usage.service.UsageFindings;
import dev.tessera.governance.usage.service.UsageReport;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reports for governance officers across the estate. */
@Path("/api/governance/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class UsageReportResource {

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Separates the domain from the product in a cursor; neither id can contain it. */
    private static final char KEY_SEPARATOR = '\n';

    private final UsageReport report;

    public UsageReportResource(UsageReport report) {
        this.report = report;
    }

    /** One domain's unused products and shadow consumers. */
    public record DomainUsageResponse(
            String domainId,
            List<UnusedProductResponse> unusedProducts,
            List<ShadowConsumerResponse> shadowConsumers,
            int shadowConsumersTotal) {}

    /** A product nobody has read or viewed for lineage's threshold. */
    public record UnusedProductResponse(
            String productId,
            Instant unusedSince,
            int unusedAfterDays,
            Long daysSinceLastUse,
            Instant lastReadAt,
            Instant lastViewedAt) {}

    /** A job reading a product without an ACTIVE grant or a declared input port. */
    public record ShadowConsumerResponse(
            String productId,
            String job,
            String consumingProductId,
            String consumingDomainId,
            long runs,
            Instant firstReadAt,
            Instant lastReadAt) {}

    @GET
    @Path("usage")
    @Operation(
            summary = "Unused products and shadow consumers, per domain",
            description = "From lineage's latest usage records. Governance officers and platform admins see every"
                    + " domain (domain= narrows it to one); domain owners see their own domains only. A page holds"
                    + " the findings of up to `limit` products, grouped by domain in domain order; pass `next` back"
                    + " as cursor.")
    public Page<DomainUsageResponse> usage(
            @QueryParam("domain") String domain,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            throw ApiException.invalidField(
                    "domain",
                    "name a domain by its id (letters, digits, '.', '_' or '-', at most 128), or leave domain out"
                            + " for every domain you may see");
        }
        int size = Cursors.limit(number(limit));
        UsageReport.Page page = report.page(domain, after(cursor), size);
        List<DomainUsageResponse> items =
                page.domains().stream().map(UsageReportResource::response).toList();
        String next = page.next() == null
                ? null
                : Cursors.encode(
                        page.next().domainId() + KEY_SEPARATOR + page.next().productId());
        return new Page<>(items, next);
    }

    /** The page size asked for, named in the 400 when it is not a whole number. */
    private static Integer number(String limit) {
        if (limit == null) {
            return null;
        }
        try {
            return Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(
                    "limit", "limit must be a whole number between 1 and " + Cursors.MAX_LIMIT + ".");
        }
    }

    /** The key a cursor carries; a cursor this API did not make is a 400. */
    private static UsageReport.Key after(String cursor) {
        String key = Cursors.decode(cursor);
        if (key == null) {
            return null;
        }
        int at = key.indexOf(KEY_SEPARATOR);
        if (at < 0 || key.indexOf(KEY_SEPARATOR, at + 1) >= 0 || at == key.length() - 1) {
            throw ApiException.invalidField("cursor", "Pass back the `next` value of a previous page unchanged.");
        }
        return new UsageReport.Key(key.substring(0, at), key.substring(at + 1));
    }

    private static DomainUsageResponse response(UsageFindings f) {
        return new DomainUsageResponse(
                f.domainId(),
                f.unusedProducts().stream()
                        .map(u -> new UnusedProductResponse(
                                u.productId(),
                                u.unusedSince(),
                                u.unusedAfterDays(),
                                u.daysSinceLastUse(),
                                u.lastReadAt(),
                                u.lastViewedAt()))
                        .toList(),
                f.shadowConsumers().stream()
                        .map(s -> new ShadowConsumerResponse(
                                s.productId(),
                                s.job(),
                                s.consumingProductId(),
                                s.consumingDomainId(),
                                s.runs(),
                                s.firstReadAt(),
                                s.lastReadAt()))
                        .toList(),
                f.shadowConsumersTotal());
    }
}
