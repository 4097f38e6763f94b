package dev.tessera.lineage.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The edit distance suggestions are ranked by, and its early exit. */
class NodeNamesTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(NodeNames.levenshtein("analytics.ordrs", "analytics.orders", 5))
                .isEqualTo(1);
        assertThat(NodeNames.levenshtein("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(NodeNames.levenshtein("same", "same", 5)).isZero();
    }

    @Test
    void editDistanceBeyondTheBoundIsReportedAsBoundPlusOne() {
        assertThat(NodeNames.levenshtein("abc", "xyz", 1)).isEqualTo(2);
        assertThat(NodeNames.levenshtein("a", "abcdefgh", 3)).isEqualTo(4);
    }
}
