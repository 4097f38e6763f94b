package dev.tessera.portal.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A compliance score and how it moved, as governance reports it for a domain or the platform
 * ({@code GET /api/governance/v1/scores/domains/{id}} or {@code .../scores/platform}).
 *
 * @param score the current score, rounded to a whole number
 * @param rating the current score band (A-E)
 * @param products how many evaluated products the score is the mean of
 * @param points the snapshots of the trend, newest first, as governance sends them
 */
public record ScoreTrend(String score, String rating, int products, List<Point> points) {

    /** One snapshot of the score. */
    public record Point(Instant at, double score) {}

    public static ScoreTrend of(JsonNode body) {
        List<Point> points = new ArrayList<>();
        for (JsonNode p : body.path("trend")) {
            if (p.path("at").isTextual() && p.path("score").isNumber()) {
                points.add(new Point(
                        Instant.parse(p.path("at").asText()), p.path("score").asDouble()));
            }
        }
        return new ScoreTrend(
                whole(body.path("score")),
                body.path("rating").asText(null),
                body.path("products").asInt(),
                points);
    }

    /** A score as people read it: a whole number, or null when there is none. */
    public static String whole(JsonNode score) {
        return score.isNumber() ? String.valueOf(Math.round(score.asDouble())) : null;
    }
}
