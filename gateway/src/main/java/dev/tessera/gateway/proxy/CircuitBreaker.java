package dev.tessera.gateway.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A per-backend breaker over a streamed exchange: closed while calls succeed, open after a run of
 * consecutive failures (callers get a 503 at once instead of waiting on a dead service), half-open
 * after a pause, when exactly one trial call decides whether it closes again.
 *
 * <p>A failure is the backend's own: no connection, no answer in time, or a 5xx it answered for
 * itself. A 5xx whose {@code Proxy-Status} (RFC 9209) reports an error is the backend saying that a
 * service further along failed (the portal's page when an API behind it is down): the backend
 * answered, so it counts as a success, and one service being down never shuts off another.
 */
public final class CircuitBreaker {

    /** What the breaker currently does with calls. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** The RFC 9209 response header by which a backend says that the error it answers with is not its own. */
    public static final String PROXY_STATUS = "Proxy-Status";

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

    /** Records an answer the backend gave: see the class comment for what counts as its failure. */
    public void onAnswer(int status, String proxyStatus) {
        if (failedItself(status, proxyStatus)) {
            onFailure();
        } else {
            onSuccess();
        }
    }

    /** True for a 5xx, unless its {@code Proxy-Status} carries an {@code error} parameter. */
    static boolean failedItself(int status, String proxyStatus) {
        return status >= 500 && !reportsErrorFurtherAlong(proxyStatus);
    }

    /**
     * Reads a {@code Proxy-Status} value (a structured-field list, RFC 8941: members separated by
     * commas, each an intermediary's name followed by {@code ;key=value} parameters) and tells whether
     * any member names an {@code error}. Separators inside quoted strings are not separators.
     */
    static boolean reportsErrorFurtherAlong(String proxyStatus) {
        if (proxyStatus == null) {
            return false;
        }
        for (String member : split(proxyStatus, ',')) {
            List<String> parts = split(member, ';');
            for (String parameter : parts.subList(1, parts.size())) {
                if (parameter.split("=", 2)[0].strip().equals("error")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Splits on {@code separator} where it stands outside a quoted string. */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            if (quoted && escaped) {
                escaped = false;
            } else if (quoted && c == '\\') {
                escaped = true;
            } else if (c == '"') {
                quoted = !quoted;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
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
