package dev.tessera.governance.quality.service;

import dev.tessera.governance.quality.repository.QualityResultStore;
import dev.tessera.governance.quality.repository.QualityStatusStore;
import java.time.Instant;
import java.util.List;

/**
 * A product's quality as stored: read from the latest results, the port and product rows, open
 * incidents and the daily rollup, never from the history.
 *
 * @param status the product's status; UNKNOWN when it was never observed
 * @param ports every output port, observed or not
 * @param incidents open incidents, oldest first
 * @param days passed and failed results per port and day, oldest first
 */
public record QualitySummary(
        String productId,
        String domainId,
        QualityStatus status,
        Instant lastCheckedAt,
        Instant lastPassedAt,
        List<Port> ports,
        List<QualityStatusStore.Incident> incidents,
        List<QualityResultStore.Day> days) {

    /**
     * One port.
     *
     * @param freshness FRESH, STALE or UNKNOWN
     * @param checks the latest result of every check, by check id
     */
    public record Port(
            String port,
            QualityStatus status,
            String freshness,
            String sla,
            Instant lastWriteAt,
            Instant deadline,
            List<CheckResult> checks) {}
}
