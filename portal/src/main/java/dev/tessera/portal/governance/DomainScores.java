package dev.tessera.portal.governance;

import dev.tessera.portal.compliance.ScoreTrend;
import dev.tessera.portal.domain.Domain;
import java.util.List;

/**
 * One page of domains with each one's compliance score from governance.
 *
 * @param next the cursor of the next page of domains, or null
 */
public record DomainScores(List<Row> rows, String next) {

    /**
     * A domain and its score.
     *
     * @param score null when governance has evaluated none of its products, or could not say (then
     *     {@code problem} says why)
     */
    public record Row(Domain domain, ScoreTrend score, String problem) {}
}
