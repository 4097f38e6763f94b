package dev.tessera.governance.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How fresh a port's data must be, from its contract's {@code slaProperties}: {@code latency} (data
 * is at most this old) or {@code frequency} (written at least this often), with their {@code unit}
 * (d, day, days, h, hr, hour, hours, m, min, minute, minutes, s, sec, second, seconds, ISO-8601
 * durations) and optional {@code element}. When both are stated, the shorter window applies.
 *
 * @param property latency or frequency
 * @param window how long after a write the data is still fresh
 * @param text the SLA as written, for people ({@code latency 4h})
 * @param element the element the SLA is about, when named
 */
public record FreshnessSla(String property, Duration window, String text, String element) {

    /** The freshness SLA of a contract; empty when it states none (freshness is then UNKNOWN). */
    public static Optional<FreshnessSla> of(JsonNode contract) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** When data last written at {@code lastWrite} turns stale. */
    public Instant deadline(Instant lastWrite) {
        return lastWrite.plus(window);
    }
}
