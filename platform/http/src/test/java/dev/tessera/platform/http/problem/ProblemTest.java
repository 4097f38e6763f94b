package dev.tessera.platform.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A problem document names its type by a stable URI and never repeats more of a caller's text than its bounds. */
class ProblemTest {

    @Test
    void aProblemCarriesItsTypesUriTitleAndStatus() {
        Problem problem = Problem.of(ProblemType.RATE_LIMITED, "Slow down.", "/api/x", List.of(), Map.of("route", "x"));

        assertThat(problem.type()).hasToString("https://tessera.dev/problems/rate-limited");
        assertThat(problem.title()).isEqualTo("Too many requests");
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.detail()).isEqualTo("Slow down.");
        assertThat(problem.instance()).isEqualTo("/api/x");
        assertThat(problem.extensions()).containsEntry("route", "x");
    }

    @Test
    void everyTextACallerCanLengthenIsCutToItsBound() {
        String huge = "x".repeat(100_000);

        Problem problem = Problem.of(
                ProblemType.VALIDATION, huge, "/" + huge, List.of(new Problem.FieldError("/" + huge, huge)), Map.of());

        assertThat(problem.detail()).hasSize(Problem.MAX_DETAIL + 1).endsWith("…");
        assertThat(problem.instance()).hasSize(Problem.MAX_PATH + 1).endsWith("…");
        assertThat(problem.errors().getFirst().path()).hasSize(Problem.MAX_PATH + 1);
        assertThat(problem.errors().getFirst().message()).hasSize(Problem.MAX_MESSAGE + 1);
    }

    @Test
    void anAbsentDetailOrInstanceStaysAbsent() {
        Problem problem = Problem.of(ProblemType.NOT_FOUND, null, null, List.of(), Map.of());

        assertThat(problem.detail()).isNull();
        assertThat(problem.instance()).isNull();
    }
}
