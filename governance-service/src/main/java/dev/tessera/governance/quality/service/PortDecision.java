package dev.tessera.governance.quality.service;

import dev.tessera.governance.quality.rules.ContractRule;
import dev.tessera.governance.quality.rules.FreshnessSla;
import dev.tessera.governance.quality.rules.Verdict;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The decided quality of one port.
 *
 * @param freshness FRESH, STALE or UNKNOWN (no SLA, or no write seen)
 * @param failing the checks that fail the port now
 */
public record PortDecision(
        String port,
        QualityStatus status,
        String freshness,
        String sla,
        Instant lastWriteAt,
        Instant deadline,
        List<CheckResult> failing) {

    /**
     * Decides a port: FAILING when a latest result fails it, else STALE when its freshness deadline
     * passed, else UNKNOWN when nothing was observed or a contract rule is undecided (no decided
     * result yet), else PASSING.
     *
     * @param latest the latest result of every check of the port
     * @param lastWriteAt when a completed run last wrote the port's dataset; null when never
     */
    public static PortDecision decide(
            String port,
            List<ContractRule> rules,
            Optional<FreshnessSla> sla,
            Collection<CheckResult> latest,
            Instant lastWriteAt,
            Instant now) {
        List<CheckResult> failing = latest.stream()
                .filter(CheckResult::failsPort)
                .sorted(java.util.Comparator.comparing(CheckResult::checkId))
                .toList();
        Instant deadline = sla.isPresent() && lastWriteAt != null ? sla.get().deadline(lastWriteAt) : null;
        String freshness = deadline == null ? "UNKNOWN" : now.isAfter(deadline) ? "STALE" : "FRESH";
        QualityStatus status;
        if (!failing.isEmpty()) {
            status = QualityStatus.FAILING;
        } else if ("STALE".equals(freshness)) {
            status = QualityStatus.STALE;
        } else if ((latest.isEmpty() && lastWriteAt == null) || undecided(rules, latest)) {
            status = QualityStatus.UNKNOWN;
        } else {
            status = QualityStatus.PASSING;
        }
        return new PortDecision(
                port, status, freshness, sla.map(FreshnessSla::text).orElse(null), lastWriteAt, deadline, failing);
    }

    private static boolean undecided(List<ContractRule> rules, Collection<CheckResult> latest) {
        Map<String, CheckResult> byCheck =
                latest.stream().collect(Collectors.toMap(CheckResult::checkId, Function.identity(), (a, b) -> a));
        return rules.stream().anyMatch(rule -> {
            CheckResult result = byCheck.get(rule.checkId());
            return result == null || result.outcome() == Verdict.Outcome.UNKNOWN;
        });
    }
}
