package dev.tessera.governance.quality.service;

import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.governance.quality.rules.ContractRule;
import dev.tessera.governance.quality.rules.DatasetFacts;
import dev.tessera.governance.quality.rules.RuleEvaluator;
import dev.tessera.governance.quality.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The check results one observation gives a port: a result per contract rule when the observation
 * carries facts to decide rules from, and a result per assertion the producer reported.
 */
final class ObservationResults {

    private static final Logger LOG = Logger.getLogger(ObservationResults.class);

    private ObservationResults() {}

    static List<CheckResult> of(QualityObservationV1 observation, String port, PortContracts contracts) {
        List<CheckResult> results = new ArrayList<>();
        String runId = observation.run() == null ? null : observation.run().runId();
        String eventId = observation.run() == null ? null : observation.run().eventId();
        if (observation.metrics() != null || observation.outputStatistics() != null) {
            List<ContractRule> rules = contracts.rules(port);
            DatasetFacts facts = rules.isEmpty() ? null : facts(observation);
            for (ContractRule rule : rules) {
                Verdict verdict = decide(rule, facts);
                results.add(new CheckResult(
                        observation.productId(),
                        port,
                        rule.checkId(),
                        CheckSource.CONTRACT_RULE,
                        verdict.outcome(),
                        verdict.observed(),
                        rule.operator(),
                        threshold(rule),
                        rule.unit(),
                        rule.name(),
                        rule.column(),
                        rule.severity(),
                        observation.observedAt(),
                        runId,
                        eventId,
                        observation.observationId(),
                        null));
            }
        }
        if (observation.assertions() != null) {
            for (QualityObservationV1.Assertion a : observation.assertions()) {
                if (a == null || a.assertion() == null) {
                    continue;
                }
                results.add(new CheckResult(
                        observation.productId(),
                        port,
                        assertionId(a),
                        CheckSource.ASSERTION,
                        a.success() ? Verdict.Outcome.PASS : Verdict.Outcome.FAIL,
                        a.actual(),
                        null,
                        a.expected(),
                        null,
                        a.name() != null ? a.name() : a.assertion(),
                        a.column(),
                        a.severity(),
                        observation.observedAt(),
                        runId,
                        eventId,
                        observation.observationId(),
                        null));
            }
        }
        return results;
    }

    /** The same assertion on the same column under the same name is the same check run after run. */
    static String assertionId(QualityObservationV1.Assertion a) {
        return "assertion:" + a.assertion() + ":" + Objects.toString(a.column(), "") + ":"
                + Objects.toString(a.name(), "");
    }

    private static DatasetFacts facts(QualityObservationV1 observation) {
        try {
            return DatasetFacts.of(observation);
        } catch (RuntimeException e) {
            LOG.warnf("Facts of observation %s cannot be read: %s", observation.observationId(), e.getMessage());
            return null;
        }
    }

    private static Verdict decide(ContractRule rule, DatasetFacts facts) {
        if (facts == null) {
            return new Verdict(Verdict.Outcome.UNKNOWN, null, "the reported facts could not be read");
        }
        try {
            return RuleEvaluator.evaluate(rule, facts);
        } catch (RuntimeException e) {
            // A rule the evaluator cannot handle stays undecided rather than failing the batch.
            return new Verdict(Verdict.Outcome.UNKNOWN, null, e.getMessage());
        }
    }

    static String threshold(ContractRule rule) {
        try {
            return rule.threshold() == null || rule.threshold().isEmpty() ? null : rule.thresholdText();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
