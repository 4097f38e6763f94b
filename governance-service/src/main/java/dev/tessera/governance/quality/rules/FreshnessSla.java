package dev.tessera.governance.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * How fresh a port's data must be, from its contract's {@code slaProperties}: {@code latency} (data
 * is at most this old; {@code freshness} is read as latency) or {@code frequency} (written at least
 * this often), with their {@code unit} (d, day, days, h, hr, hour, hours, m, min, minute, minutes, s,
 * sec, second, seconds, w, week, weeks; any case) or, without a unit, an ISO-8601 duration as the
 * value ({@code PT4H}), and optional {@code element} (else the contract's {@code slaDefaultElement}).
 * When several are stated, the shortest window applies. An entry that cannot be read (no value, an
 * unknown unit such as years, a window of zero or less) is passed over.
 *
 * @param property latency or frequency
 * @param window how long after a write the data is still fresh
 * @param text the SLA as written, for people ({@code latency 4h})
 * @param element the element the SLA is about, when named
 */
public record FreshnessSla(String property, Duration window, String text, String element) {

    private static final Map<String, Long> SECONDS_PER_UNIT = Map.ofEntries(
            Map.entry("s", 1L),
            Map.entry("sec", 1L),
            Map.entry("secs", 1L),
            Map.entry("second", 1L),
            Map.entry("seconds", 1L),
            Map.entry("m", 60L),
            Map.entry("min", 60L),
            Map.entry("mins", 60L),
            Map.entry("minute", 60L),
            Map.entry("minutes", 60L),
            Map.entry("h", 3_600L),
            Map.entry("hr", 3_600L),
            Map.entry("hrs", 3_600L),
            Map.entry("hour", 3_600L),
            Map.entry("hours", 3_600L),
            Map.entry("d", 86_400L),
            Map.entry("day", 86_400L),
            Map.entry("days", 86_400L),
            Map.entry("w", 604_800L),
            Map.entry("week", 604_800L),
            Map.entry("weeks", 604_800L));

    /** The freshness SLA of a contract; empty when it states none (freshness is then UNKNOWN). */
    public static Optional<FreshnessSla> of(JsonNode contract) {
        if (contract == null || !contract.path("slaProperties").isArray()) {
            return Optional.empty();
        }
        String defaultElement = text(contract.get("slaDefaultElement"));
        return StreamSupport.stream(contract.get("slaProperties").spliterator(), false)
                .map(entry -> read(entry, defaultElement))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(FreshnessSla::window));
    }

    /** When data last written at {@code lastWrite} turns stale. */
    public Instant deadline(Instant lastWrite) {
        return lastWrite.plus(window);
    }

    private static Optional<FreshnessSla> read(JsonNode entry, String defaultElement) {
        if (entry == null || !entry.isObject()) {
            return Optional.empty();
        }
        String written = text(entry.get("property"));
        if (written == null) {
            return Optional.empty();
        }
        String property =
                switch (written.toLowerCase(Locale.ROOT)) {
                    case "latency", "freshness" -> "latency";
                    case "frequency" -> "frequency";
                    default -> null;
                };
        if (property == null) {
            return Optional.empty();
        }
        String value = text(entry.get("value"));
        String unit = text(entry.get("unit"));
        Duration window = window(value, unit);
        if (window == null || window.isZero() || window.isNegative()) {
            return Optional.empty();
        }
        String element = text(entry.get("element"));
        String text = written + " " + value + (unit == null ? "" : unit.length() == 1 ? unit : " " + unit);
        return Optional.of(new FreshnessSla(property, window, text, element != null ? element : defaultElement));
    }

    private static Duration window(String value, String unit) {
        if (value == null) {
            return null;
        }
        if (unit == null) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
        Long seconds = SECONDS_PER_UNIT.get(unit.toLowerCase(Locale.ROOT));
        if (seconds == null) {
            return null;
        }
        try {
            BigDecimal total = new BigDecimal(value).multiply(BigDecimal.valueOf(seconds));
            BigDecimal whole = total.setScale(0, RoundingMode.FLOOR);
            long nanos = total.subtract(whole)
                    .movePointRight(9)
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            return Duration.ofSeconds(whole.longValueExact(), nanos);
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }
}
