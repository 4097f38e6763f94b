package dev.tessera.portal.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A decision is APPROVED, or REJECTED with a reason; anything else is sent back with what to fix. */
class DecisionFormTest {

    @Test
    void anApprovalNeedsNoReasonAndARejectionNeedsOne() {
        assertThat(DecisionForm.of("r1", "APPROVED", "").valid()).isTrue();
        assertThat(DecisionForm.of("r1", "APPROVED", " ").body()).isEqualTo(Map.of("status", "APPROVED"));
        DecisionForm noReason = DecisionForm.of("r1", "REJECTED", "  ");
        assertThat(noReason.valid()).isFalse();
        assertThat(noReason.error("reason")).startsWith("Say why you reject");
        assertThat(DecisionForm.of("r1", "REJECTED", " Not for this purpose ").body())
                .isEqualTo(Map.of("status", "REJECTED", "reason", "Not for this purpose"));
    }

    @Test
    void anUnknownDecisionOrAnOverlongReasonIsNotSent() {
        assertThat(DecisionForm.of("r1", "ACTIVE", "").error("decision")).isEqualTo("Choose Approve or Reject.");
        assertThat(DecisionForm.of("r1", null, null).valid()).isFalse();
        assertThat(DecisionForm.of("r1", "REJECTED", "x".repeat(1001)).error("reason"))
                .contains("1000");
        assertThat(DecisionForm.of("r1", "APPROVED", "").isFor("r1")).isTrue();
        assertThat(DecisionForm.none().isFor("r1")).isFalse();
    }
}
