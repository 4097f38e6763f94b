package dev.tessera.lineage.usage.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Instants are written as {@link Instant#toString()} writes them, or left to it. */
class InstantTextTest {

    private final char[] buffer = new char[InstantText.MAX_LENGTH];

    @Test
    void everyPrecisionAndEveryKindOfDayReadsAsInstantToStringReadsIt() {
        for (String text : new String[] {
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z",
            "2026-12-07T10:15:30Z",
            "2026-12-07T10:15:30.100Z",
            "2026-12-07T10:15:30.123456Z",
            "2026-12-07T10:15:30.000001Z",
            "2026-12-07T10:15:30.000000001Z",
            "2024-02-29T23:59:59.5Z",
            "2000-02-29T00:00:00Z",
            "2100-02-28T12:00:00Z",
            "2100-03-01T00:00:00Z",
            "1600-03-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "0001-12-31T23:59:59Z",
            "9999-12-31T23:59:59.999999999Z"
        }) {
            assertThat(written(Instant.parse(text)))
                    .isEqualTo(Instant.parse(text).toString());
        }
    }

    @Test
    void randomInstantsOfTheYearsZeroTo9999ReadAsTheIsoFormatterWritesThem() {
        Random random = new Random(11);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            int nano =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant at = Instant.ofEpochSecond(random.nextLong(first, end + 1), nano);
            assertThat(written(at)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(at));
        }
    }

    @Test
    void anInstantOutsideTheYearsZeroTo9999IsLeftToInstantToString() {
        assertThat(InstantText.format(Instant.parse("-0001-12-31T23:59:59Z"), buffer))
                .isNegative();
        assertThat(InstantText.format(Instant.parse("+10000-01-01T00:00:00Z"), buffer))
                .isNegative();
        assertThat(InstantText.format(Instant.MAX, buffer)).isNegative();
    }

    private String written(Instant at) {
        int length = InstantText.format(at, buffer);
        assertThat(length).as("length of %s", at).isPositive();
        return new String(buffer, 0, length);
    }
}
