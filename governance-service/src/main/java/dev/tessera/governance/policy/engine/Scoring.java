package dev.tessera.governance.policy.engine;

import java.util.List;

/**
 * Turns policy results into a compliance score: the weighted share of applicable policies that
 * passed, 0 to 100 (ERROR counts as not passed; NOT_APPLICABLE does not count). A product no policy
 * applies to scores 100. Ratings: A from 90, B from 75, C from 60, D from 40, E below.
 */
public final class Scoring {

    private Scoring() {}

    /**
     * A score and what it rates.
     *
     * @param score 0 to 100, rounded to one decimal
     * @param rating A to E
     * @param blockingFailures BLOCKING policies that failed or errored
     */
    public record Score(double score, String rating, int blockingFailures) {}

    public static Score of(List<PolicyResult> results) {
        long total = 0;
        long passed = 0;
        int blocking = 0;
        for (PolicyResult r : results) {
            if (!r.outcome().applicable()) {
                continue;
            }
            int weight = Math.max(1, r.weight());
            total += weight;
            if (r.outcome() == Outcome.PASS) {
                passed += weight;
            }
            if (r.blocks()) {
                blocking++;
            }
        }
        double score = total == 0 ? 100.0 : Math.round(1000.0 * passed / total) / 10.0;
        return new Score(score, rating(score), blocking);
    }

    /** The rating band of a score. */
    public static String rating(double score) {
        if (score >= 90) {
            return "A";
        }
        if (score >= 75) {
            return "B";
        }
        if (score >= 60) {
            return "C";
        }
        if (score >= 40) {
            return "D";
        }
        return "E";
    }
}
