package dev.tessera.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void letsExactlyOneTrialThroughAfterThePauseAndClosesOnItsSuccess() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensItAgainForAFullPause() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void aServerErrorCountsUnlessItsProxyStatusReportsAnErrorFurtherAlong() {
        for (int i = 0; i < 5; i++) {
            breaker.onAnswer(503, "tessera-portal; error=destination_unavailable");
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onAnswer(500, null);
        breaker.onAnswer(503, "tessera-portal; received-status=503");
        breaker.onAnswer(502, "");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void proxyStatusIsReadAsAStructuredListWhateverItsQuotedDetailsHold() {
        assertThat(CircuitBreaker.reportsErrorFurtherAlong("a, tessera-portal;error=http_response_timeout"))
                .isTrue();
        assertThat(CircuitBreaker.reportsErrorFurtherAlong("tessera-portal; details=\"x\"; error=connection_refused"))
                .isTrue();
        assertThat(CircuitBreaker.reportsErrorFurtherAlong("tessera-portal; details=\"a;error=b, c\""))
                .isFalse();
        assertThat(CircuitBreaker.reportsErrorFurtherAlong("error; received-status=500"))
                .isFalse();
        assertThat(CircuitBreaker.reportsErrorFurtherAlong(null)).isFalse();
        assertThat(CircuitBreaker.failedItself(404, null)).isFalse();
    }
}
