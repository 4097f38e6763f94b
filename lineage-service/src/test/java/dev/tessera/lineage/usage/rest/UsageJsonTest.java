package dev.tessera.lineage.usage.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.usage.model.Attention;
import dev.tessera.lineage.usage.model.Grant;
import dev.tessera.lineage.usage.model.JobUsage;
import dev.tessera.lineage.usage.model.ProductUsage;
import dev.tessera.lineage.usage.model.UsageFacts;
import dev.tessera.lineage.usage.model.Window;
import dev.tessera.lineage.usage.service.UsageQueries;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The answer written field by field is the answer the service's JSON mapper writes from the
 * response records ({@link UsageResponse}), byte for byte: every field, its order, the absent ones
 * and the escaped text, for the callers who see who uses a product and for those who do not.
 */
@QuarkusTest
@LineageTestResources
class UsageJsonTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00.123Z");
    private static final Window MONTH = Window.of(NOW, 30);

    @Inject
    ObjectMapper mapper;

    @Test
    void everyKindOfConsumerGrantAndJobIsWrittenAsTheMapperWritesTheRecords() throws IOException {
        ProductUsage usage = ProductUsage.from(
                facts(
                        "sales",
                        new Attention(41, 12, 9, NOW.minusSeconds(600)),
                        NOW.minus(Duration.ofDays(400)),
                        every()),
                MONTH,
                90);

        for (boolean who : new boolean[] {true, false}) {
            UsageQueries.Visible visible = new UsageQueries.Visible(usage, who);
            assertThat(streamed(visible)).isEqualTo(mapped(visible));
        }
    }

    @Test
    void absentDomainAttentionLastViewAndUnusedSinceAreLeftOutAsTheMapperLeavesThemOut() throws IOException {
        ProductUsage unusedNeverViewed = ProductUsage.from(
                facts(null, new Attention(0, 0, 0, null), NOW.minus(Duration.ofDays(400)), List.of()), MONTH, 90);
        ProductUsage neverReported = ProductUsage.from(facts(null, null, null, List.of()), MONTH, 90);

        for (ProductUsage usage : List.of(unusedNeverViewed, neverReported)) {
            UsageQueries.Visible visible = new UsageQueries.Visible(usage, true);
            assertThat(streamed(visible)).isEqualTo(mapped(visible));
        }
        assertThat(streamed(new UsageQueries.Visible(unusedNeverViewed, true))).contains("\"unusedSince\"");
    }

    /** Jobs of owned and unowned consumers, with times of every precision and names that need escaping. */
    private static List<JobUsage> every() {
        return List.of(
                new JobUsage("airflow/revenue.load", "revenue", "finance", 60, NOW.minus(Duration.ofDays(60)), NOW),
                new JobUsage(
                        "spark/growth \"scrape\"\\n\u00e9\u2028",
                        "growth",
                        "marketing",
                        36,
                        Instant.parse("2026-11-20T06:00:00.000001Z"),
                        Instant.parse("2026-12-06T06:00:01.000000001Z")),
                new JobUsage(
                        "spark/growth.backfill",
                        "growth",
                        "marketing",
                        3,
                        Instant.parse("2026-11-21T06:00:00Z"),
                        Instant.parse("2026-12-05T06:00:00.5Z")),
                new JobUsage("notebook/ad\u0001hoc", null, null, 1, NOW.minusSeconds(60), NOW.minusSeconds(59)),
                new JobUsage(
                        "cron/old", null, null, 0, NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(45))));
    }

    private static UsageFacts facts(String domainId, Attention attention, Instant publishedAt, List<JobUsage> jobs) {
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("revenue", "finance");
        declared.put("planning", null);
        List<Grant> grants = List.of(
                new Grant(
                        "ar-17",
                        "orders",
                        "growth",
                        "marketing",
                        "bob",
                        "REVOKED",
                        NOW.minus(Duration.ofDays(36)),
                        NOW.minus(Duration.ofDays(18))),
                new Grant("ar-21", "orders", "churn", "ml", "carol", "ACTIVE", NOW.minus(Duration.ofDays(6)), null),
                new Grant(
                        "ar-22", "orders", null, null, "svc-\u00fcber", "ACTIVE", NOW.minus(Duration.ofDays(2)), null),
                new Grant(
                        "ar-23",
                        "orders_v2",
                        "revenue",
                        "finance",
                        "dave",
                        "EXPIRED",
                        NOW.minus(Duration.ofDays(90)),
                        NOW.minus(Duration.ofDays(30))));
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        days.put(MONTH.from(), 3L);
        days.put(MONTH.to().minusDays(1), 96L);
        days.put(MONTH.to(), 4L);
        return new UsageFacts(
                "orders", domainId, publishedAt, declared, grants, jobs, days, attention, UsageFacts.Reported.NOTHING);
    }

    private String mapped(UsageQueries.Visible visible) throws IOException {
        return mapper.writeValueAsString(UsageMapping.response(visible));
    }

    private String streamed(UsageQueries.Visible visible) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            UsageJson.write(visible, json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
