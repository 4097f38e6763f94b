package dev.tessera.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("c", "r", 2, 5)).isZero();
        }
        assertThat(limiter.acquire("c", "r", 2, 5)).isEqualTo(1);
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.acquire("c", "r", 2, 5)).isZero();
        assertThat(limiter.acquire("c", "r", 2, 5)).isPositive();
    }

    @Test
    void bucketsAreSeparatePerClientAndPerRoute() {
        assertThat(limiter.acquire("a", "r", 1, 1)).isZero();
        assertThat(limiter.acquire("a", "r", 1, 1)).isPositive();
        assertThat(limiter.acquire("b", "r", 1, 1)).isZero();
        assertThat(limiter.acquire("a", "other", 1, 1)).isZero();
    }

    @Test
    void retryAfterCoversTheWaitForTheNextToken() {
        assertThat(limiter.acquire("a", "r", 1, 1)).isZero();
        assertThat(limiter.acquire("a", "r", 1, 1)).isEqualTo(1);
        assertThat(limiter.acquire("slow", "r2", 1, 1)).isZero();
    }
}
