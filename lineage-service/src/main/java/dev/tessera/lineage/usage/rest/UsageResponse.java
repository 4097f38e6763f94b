package dev.tessera.lineage.usage.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A product's usage over a window of days. {@code consumers}, {@code shadowConsumers} and
 * {@code pastGrants} name who uses the product: they are present only for the product's domain
 * owners, governance officers and platform admins ({@code consumersShown}); everyone else sees the
 * totals and the daily series.
 *
 * @param productId the product
 * @param domainId its domain, when known
 * @param days how many days the window covers
 * @param from the window's first UTC day
 * @param to the window's last UTC day (today)
 * @param asOf when the answer was computed
 * @param totals consumers by kind, reads and the last read
 * @param daily distinct runs that read the product, each day of the window, oldest first
 * @param attention page views and search click-throughs in the catalog, as the catalog last
 *     reported them; absent before its first report
 * @param unused whether the product is published and was neither read nor viewed for
 *     {@code unusedAfterDays} days
 * @param unusedAfterDays the threshold that decides {@code unused}
 * @param unusedSince when it became unused; absent while it is used
 * @param consumersShown whether the caller sees who uses the product
 * @param consumers every consumer, most recent reader first (shadow consumers included, marked)
 * @param shadowConsumers the consumers observed reading with neither an ACTIVE grant nor a declared
 *     input port, most recent reader first
 * @param pastGrants grants that were ACTIVE and are not any more
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageResponse(
        String productId,
        String domainId,
        int days,
        LocalDate from,
        LocalDate to,
        Instant asOf,
        Totals totals,
        List<Day> daily,
        Attention attention,
        boolean unused,
        int unusedAfterDays,
        Instant unusedSince,
        boolean consumersShown,
        List<Consumer> consumers,
        List<Consumer> shadowConsumers,
        List<Grant> pastGrants) {

    /**
     * The totals of the window.
     *
     * @param consumers distinct consumers by kind; a consumer of two kinds counts in both
     * @param reads distinct runs that read the product within the window
     * @param lastReadAt when an observed run last read it, if one ever did
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Totals(Counts consumers, long reads, Instant lastReadAt) {}

    /**
     * Distinct consumers by kind.
     *
     * @param declared with an input port on one of the product's contracts
     * @param granted holding an ACTIVE grant on one of its ports
     * @param observed seen reading it within the window
     * @param shadow observed with neither an ACTIVE grant nor a declared input port
     * @param total distinct consumers of any kind
     */
    public record Counts(int declared, int granted, int observed, int shadow, int total) {}

    /** Distinct runs that read the product on one UTC day. */
    public record Day(LocalDate day, long reads) {}

    /** The catalog's attention over its last 30 days. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attention(long pageViews, long viewers, long clickThroughs, Instant lastViewedAt) {}

    /**
     * One consumer.
     *
     * @param kinds DECLARED, GRANTED and/or OBSERVED
     * @param shadow whether it is a shadow consumer
     * @param productId the consuming product, when known
     * @param domainId the consuming product's domain, when known
     * @param subject the grant's user or client, for a granted consumer without a product
     * @param reads distinct runs of its jobs that read the product within the window
     * @param firstReadAt when one of its jobs first read the product
     * @param lastReadAt when one of its jobs last read the product
     * @param jobs its jobs that read the product, most recent reader first
     * @param grants its grants on the product's ports, ACTIVE or past
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consumer(
            List<String> kinds,
            boolean shadow,
            String productId,
            String domainId,
            String subject,
            long reads,
            Instant firstReadAt,
            Instant lastReadAt,
            List<Job> jobs,
            List<Grant> grants) {}

    /**
     * One job's reads of the product.
     *
     * @param job {@code namespace/name}
     * @param reads distinct runs that read the product within the window
     * @param firstReadAt when it first read the product
     * @param lastReadAt when it last read the product
     */
    public record Job(String job, long reads, Instant firstReadAt, Instant lastReadAt) {}

    /**
     * An access grant that is or was ACTIVE.
     *
     * @param requestId the access request
     * @param port the port granted
     * @param productId the consuming product, when the request named one
     * @param subject the user or client that asked
     * @param status the request's status now
     * @param activeFrom when it became ACTIVE
     * @param activeUntil when it stopped being ACTIVE; absent while it is
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grant(
            String requestId,
            String port,
            String productId,
            String subject,
            String status,
            Instant activeFrom,
            Instant activeUntil) {}
}
