package dev.tessera.governance.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void theScoreIsTheWeightedShareOfApplicablePoliciesThatPassed() {
        Scoring.Score score = Scoring.of(List.of(
                result(PolicySeverity.WARNING, 3, Outcome.PASS),
                result(PolicySeverity.WARNING, 1, Outcome.FAIL),
                result(PolicySeverity.BLOCKING, 5, Outcome.NOT_APPLICABLE)));

        assertThat(score.score()).isEqualTo(75.0);
        assertThat(score.rating()).isEqualTo("B");
        assertThat(score.blockingFailures()).isZero();
    }

    @Test
    void anErrorCountsAsNotPassedAndBlocksWhenBlocking() {
        Scoring.Score score = Scoring.of(List.of(
                result(PolicySeverity.BLOCKING, 1, Outcome.ERROR), result(PolicySeverity.WARNING, 1, Outcome.PASS)));

        assertThat(score.score()).isEqualTo(50.0);
        assertThat(score.rating()).isEqualTo("D");
        assertThat(score.blockingFailures()).isEqualTo(1);
    }

    @Test
    void aProductNoPolicyAppliesToScoresFull() {
        assertThat(Scoring.of(List.of(result(PolicySeverity.WARNING, 1, Outcome.NOT_APPLICABLE)))
                        .score())
                .isEqualTo(100.0);
    }

    @Test
    void ratingBandsHaveTheirLowerBoundsInclusive() {
        assertThat(List.of(90.0, 89.9, 75.0, 60.0, 40.0, 39.9).stream().map(Scoring::rating))
                .containsExactly("A", "B", "B", "C", "D", "E");
    }

    private static PolicyResult result(PolicySeverity severity, int weight, Outcome outcome) {
        return new PolicyResult("p", 1, "p", severity, weight, outcome, null, null, null);
    }
}
