package dev.tessera.gateway.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by (client, route). A bucket refills continuously at the route's rate up to
 * its burst; a request takes one token or is refused with the time until the next one.
 */
public final class RateLimiter {

    private static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Takes a token for {@code client} on {@code route}.
     *
     * @return 0 if allowed, otherwise the whole seconds (at least 1) after which a retry can succeed
     */
    public long acquire(String client, String route, int perSecond, int burst) {
        if (buckets.size() > MAX_BUCKETS) {
            // A flood of distinct client keys must not grow memory without bound; full buckets are cheap to rebuild.
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(route + '\u0000' + client, k -> new Bucket(burst, clock.getAsLong()));
        return bucket.take(Math.max(1, perSecond), Math.max(1, burst), clock.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.last = now;
        }

        synchronized long take(int perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double secondsToNext = (1 - tokens) / perSecond;
            return Math.max(1, (long) Math.ceil(secondsToNext));
        }
    }
}
