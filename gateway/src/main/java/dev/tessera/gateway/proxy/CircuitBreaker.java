package dev.tessera.gateway.proxy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A per-backend breaker over a streamed exchange: closed while calls succeed, open after a run of
 * consecutive failures (callers get a 503 at once instead of waiting on a dead service), half-open
 * after a pause, when exactly one trial call decides whether it closes again.
 */
public final class CircuitBreaker {

    /** What the breaker currently does with calls. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;

    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor) {
        this(threshold, openFor, System::nanoTime);
    }

    CircuitBreaker(int threshold, Duration openFor, LongSupplier clock) {
        this.threshold = Math.max(1, threshold);
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    /** True if a call may go ahead; in half-open state only the first caller gets true. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            trialInFlight = false;
        }
    }

    /** Seconds until an open breaker lets a trial through, at least 1; for Retry-After. */
    public synchronized long retryAfterSeconds() {
        if (state != State.OPEN) {
            return 1;
        }
        long left = openForNanos - (clock.getAsLong() - openedAt);
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    public synchronized State state() {
        return state;
    }
}
