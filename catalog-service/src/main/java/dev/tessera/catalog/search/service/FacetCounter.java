package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Fields;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts facet values over every matching document, segment by segment on segment ordinals, turning
 * only non-zero ordinals into strings. No global ordinal map is built, so a refresh costs nothing here.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Counting, FacetCounter.Result> {

    /**
     * Counts per dimension and value, and the number of matching documents.
     *
     * @param counts dimension -> value -> count
     * @param total matching documents
     */
    record Result(Map<String, Map<String, Integer>> counts, int total) {}

    private final List<String> dims;

    FacetCounter(List<String> dims) {
        this.dims = dims;
    }

    @Override
    public Counting newCollector() {
        return new Counting(dims);
    }

    @Override
    public Result reduce(Collection<Counting> collectors) {
        Map<String, Map<String, Integer>> merged = new HashMap<>();
        int total = 0;
        for (Counting c : collectors) {
            total += c.total;
            c.counts.forEach((dim, values) -> values.forEach(
                    (v, n) -> merged.computeIfAbsent(dim, d -> new HashMap<>()).merge(v, n, Integer::sum)));
        }
        return new Result(merged, total);
    }

    static final class Counting implements Collector {
        private final List<String> dims;
        private final Map<String, Map<String, Integer>> counts = new HashMap<>();
        private int total;

        Counting(List<String> dims) {
            this.dims = dims;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues[] values = new SortedSetDocValues[dims.size()];
            // Dimensions with one value per document in this segment are read as such: no per-document count.
            SortedDocValues[] single = new SortedDocValues[dims.size()];
            int[][] leafCounts = new int[dims.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = DocValues.getSortedSet(context.reader(), Fields.facet(dims.get(i)));
                single[i] = DocValues.unwrapSingleton(values[i]);
                leafCounts[i] = new int[(int) values[i].getValueCount()];
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    for (int i = 0; i < values.length; i++) {
                        SortedDocValues one = single[i];
                        if (one != null) {
                            if (one.advanceExact(doc)) {
                                leafCounts[i][one.ordValue()]++;
                            }
                            continue;
                        }
                        SortedSetDocValues dv = values[i];
                        if (dv.advanceExact(doc)) {
                            for (int k = dv.docValueCount(); k > 0; k--) {
                                leafCounts[i][(int) dv.nextOrd()]++;
                            }
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int i = 0; i < values.length; i++) {
                        Map<String, Integer> dimCounts = counts.computeIfAbsent(dims.get(i), d -> new HashMap<>());
                        for (int ord = 0; ord < leafCounts[i].length; ord++) {
                            if (leafCounts[i][ord] > 0) {
                                dimCounts.merge(
                                        values[i].lookupOrd(ord).utf8ToString(), leafCounts[i][ord], Integer::sum);
                            }
                        }
                    }
                }
            };
        }
    }
}
