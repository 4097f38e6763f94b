package dev.tessera.catalog.search.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The values a facet shows are the most frequent ones (ties by value) plus every selected value with
 * matches, picked from counts by global ordinal without turning every value into a string.
 */
class FacetValuesShownTest {

    /** The plain rule: sort every counted value, keep the first FACET_VALUES and any selected one. */
    private static List<SearchResult.FacetValue> expected(String[] values, int[] counts, List<String> selected) {
        List<SearchResult.FacetValue> all = new ArrayList<>();
        for (int ord = 0; ord < counts.length; ord++) {
            if (counts[ord] > 0) {
                all.add(new SearchResult.FacetValue(values[ord], counts[ord]));
            }
        }
        all.sort(Comparator.comparingInt(SearchResult.FacetValue::count)
                .reversed()
                .thenComparing(SearchResult.FacetValue::value));
        Set<String> picked = new LinkedHashSet<>(selected);
        List<SearchResult.FacetValue> shown = new ArrayList<>();
        for (SearchResult.FacetValue v : all) {
            if (shown.size() < SearchService.FACET_VALUES || picked.contains(v.value())) {
                shown.add(v);
            }
        }
        return shown;
    }

    @Test
    void showsWhatSortingEveryValueWouldShowTiesAndSelectionsIncluded() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int n = random.nextInt(80);
            String[] values = new String[n];
            for (int i = 0; i < n; i++) {
                // Global ordinals follow the values' byte order; mixed case makes Java's order matter.
                values[i] = String.format("%s%03d", random.nextBoolean() ? "V" : "v", i);
            }
            java.util.Arrays.sort(values, Comparator.comparing(s -> new org.apache.lucene.util.BytesRef(s)));
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                counts[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1 + random.nextInt(6));
            }
            List<String> selected = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0 && n > 0; k--) {
                selected.add(values[random.nextInt(n)]);
            }
            if (random.nextInt(5) == 0) {
                selected.add("unknown");
            }
            FacetCounter.DimCounts dc = new FacetCounter.DimCounts(counts, ord -> values[ord]);
            assertThat(SearchService.shown(dc, selected))
                    .as("round %d", round)
                    .containsExactlyElementsOf(expected(values, counts, selected));
        }
    }

    @Test
    void aSelectedValueBeyondTheFirstTwentyIsShownAfterThem() throws Exception {
        int n = 30;
        String[] values = new String[n];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = String.format("tag%02d", i);
            counts[i] = n - i;
        }
        FacetCounter.DimCounts dc = new FacetCounter.DimCounts(counts, ord -> values[ord]);
        List<SearchResult.FacetValue> shown = SearchService.shown(dc, List.of("tag27"));
        assertThat(shown).hasSize(SearchService.FACET_VALUES + 1);
        assertThat(shown.get(0)).isEqualTo(new SearchResult.FacetValue("tag00", 30));
        assertThat(shown.get(SearchService.FACET_VALUES)).isEqualTo(new SearchResult.FacetValue("tag27", 3));
    }
}
