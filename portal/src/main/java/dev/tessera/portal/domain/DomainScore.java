package dev.tessera.portal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.portal.compliance.ScoreTrend;
import dev.tessera.portal.compliance.TrendChart;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A domain's compliance score from governance and its trend as a chart; {@code score} is null when
 * governance has evaluated none of the domain's products yet (it answers 404 then).
 */
public record DomainScore(ScoreTrend score, TrendChart chart) {

    static final int DAYS = 30;

    static DomainScore of(String domainId, JsonNode body) {
        ScoreTrend score = ScoreTrend.of(body);
        TrendChart chart = TrendChart.of(
                "Compliance score of " + domainId + ", last " + DAYS + " days",
                List.of(new TrendChart.Series(domainId, score.points())),
                LocalDate.now(ZoneOffset.UTC),
                DAYS);
        return new DomainScore(score, chart);
    }

    static DomainScore notEvaluated() {
        return new DomainScore(null, null);
    }

    public boolean evaluated() {
        return score != null;
    }
}
