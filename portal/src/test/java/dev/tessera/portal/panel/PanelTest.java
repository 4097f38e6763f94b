package dev.tessera.portal.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.portal.api.ApiResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A panel turns every outcome of its call into something to show; none of them throws. */
class PanelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAnswerIsMappedAndEveryFailureBecomesAStateWithAMessage() throws Exception {
        assertThat(Panel.of("Lineage", answer(200, "{\"n\":3}"), b -> b.path("n")
                                .asInt())
                        .data())
                .isEqualTo(3);
        assertThat(Panel.of("Lineage", answer(503, "{\"detail\":\"lineage is down\"}"), b -> 1)
                        .state())
                .isEqualTo(Panel.State.UNAVAILABLE);
        assertThat(Panel.of("Lineage", answer(403, "{}"), b -> 1).state()).isEqualTo(Panel.State.FORBIDDEN);
        assertThat(Panel.of("Lineage", answer(404, "{}"), b -> 1).state()).isEqualTo(Panel.State.NOT_FOUND);
        Panel<Integer> refused = Panel.of("Lineage", answer(400, "{\"detail\":\"depth must be 1-5\"}"), b -> 1);
        assertThat(refused.state()).isEqualTo(Panel.State.FAILED);
        assertThat(refused.message()).isEqualTo("Lineage could not be shown: depth must be 1-5");
        Panel<Integer> unreadable = Panel.of("Lineage", answer(200, "{}"), b -> {
            throw new IllegalStateException("no items");
        });
        assertThat(unreadable.state()).isEqualTo(Panel.State.FAILED);
    }

    @Test
    void aCallThatNeverAnswersInTimeIsUnavailableNotAnError() {
        Panel<Integer> late = Panel.of("Usage", new CompletableFuture<>(), 50, b -> 1);
        assertThat(late.state()).isEqualTo(Panel.State.UNAVAILABLE);
        assertThat(late.message()).startsWith("Usage cannot be shown right now");
        Panel<Integer> broken =
                Panel.of("Usage", CompletableFuture.failedFuture(new IllegalStateException("boom")), 50, b -> 1);
        assertThat(broken.state()).isEqualTo(Panel.State.UNAVAILABLE);
    }

    private static ApiResponse answer(int status, String body) throws Exception {
        return new ApiResponse(status, JSON.readTree(body), body, "application/json", null);
    }
}
