package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Facet;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.LongValues;

/**
 * Counts facet values over every matching document. Each segment counts a keyword facet on its own
 * ordinals (single-valued dimensions read as such); at the end of a segment its non-zero counts are added
 * to counts per global ordinal. The map from segment to global ordinals is built once per index reader (on
 * first use after a refresh, from the dimensions' few hundred values) and shared by every search on that
 * reader, so a search allocates a handful of int arrays and turns only the values it shows into strings. A
 * recency facet's "ordinals" are its windows: a document counts in each window its moment falls into at
 * the search's {@code now}.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Counting, FacetCounter.Result> {

    /** Global ordinals of each facet's field, per index reader; dropped when the reader closes. */
    private static final Map<IndexReader.CacheKey, Map<String, OrdinalMap>> ORDINALS = new ConcurrentHashMap<>();

    /**
     * The counts of one dimension by global ordinal.
     *
     * @param counts per global ordinal (sorted by value), how many matching documents have that value
     * @param values the dimension's values, looked up by global ordinal
     */
    record DimCounts(int[] counts, Values values) {

        static final DimCounts EMPTY = new DimCounts(new int[0], ord -> {
            throw new IndexOutOfBoundsException(ord);
        });
    }

    /** Looks a value up by its global ordinal. */
    @FunctionalInterface
    interface Values {
        String of(int globalOrd) throws IOException;
    }

    /**
     * Counts per dimension, and the number of matching documents.
     *
     * @param counts facet -> counts by global ordinal
     * @param total matching documents
     */
    record Result(Map<Facet, DimCounts> counts, int total) {}

    private final List<Facet> facets;
    private final IndexReader reader;
    /** Per keyword facet, its global ordinals; null for a recency facet. */
    private final OrdinalMap[] ordinals;
    /** Per recency facet, the earliest moment (epoch ms) each window takes; null for a keyword facet. */
    private final long[][] since;

    FacetCounter(List<Facet> facets, IndexReader reader, Instant now) throws IOException {
        this.facets = facets;
        this.reader = reader;
        this.ordinals = new OrdinalMap[facets.size()];
        this.since = new long[facets.size()][];
        for (int i = 0; i < ordinals.length; i++) {
            switch (facets.get(i)) {
                case Facet.Keyword keyword -> ordinals[i] = ordinals(reader, keyword.countField());
                case Facet.Recency recency -> {
                    since[i] = new long[recency.windows().size()];
                    for (int w = 0; w < since[i].length; w++) {
                        since[i][w] = recency.since(recency.windows().get(w).value(), now);
                    }
                }
            }
        }
    }

    @Override
    public Counting newCollector() {
        return new Counting();
    }

    @Override
    public Result reduce(Collection<Counting> collectors) {
        Map<Facet, DimCounts> merged = new LinkedHashMap<>();
        int total = 0;
        int[][] sums = new int[facets.size()][];
        for (Counting c : collectors) {
            total += c.total;
            for (int i = 0; i < sums.length; i++) {
                if (sums[i] == null) {
                    sums[i] = c.global[i];
                } else {
                    for (int ord = 0; ord < sums[i].length; ord++) {
                        sums[i][ord] += c.global[i][ord];
                    }
                }
            }
        }
        for (int i = 0; i < sums.length; i++) {
            Values values =
                    switch (facets.get(i)) {
                        case Facet.Keyword keyword -> new Lookup(ordinals[i], keyword.countField());
                        case Facet.Recency recency ->
                            ord -> recency.windows().get(ord).value();
                    };
            merged.put(facets.get(i), sums[i] == null ? DimCounts.EMPTY : new DimCounts(sums[i], values));
        }
        return new Result(merged, total);
    }

    /**
     * Values of one dimension by global ordinal. Opening a segment's doc values allocates its terms
     * dictionary reader, so each segment's is opened once per search and reused for every value shown.
     */
    private final class Lookup implements Values {
        private final OrdinalMap map;
        private final String field;
        private final SortedSetDocValues[] opened =
                new SortedSetDocValues[reader.leaves().size()];

        Lookup(OrdinalMap map, String field) {
            this.map = map;
            this.field = field;
        }

        @Override
        public String of(int globalOrd) throws IOException {
            int segment = map.getFirstSegmentNumber(globalOrd);
            SortedSetDocValues values = opened[segment];
            if (values == null) {
                values = DocValues.getSortedSet(reader.leaves().get(segment).reader(), field);
                opened[segment] = values;
            }
            return values.lookupOrd(map.getFirstSegmentOrd(globalOrd)).utf8ToString();
        }
    }

    /** The global ordinals of a doc-values field on a reader, built on first use. */
    private static OrdinalMap ordinals(IndexReader reader, String field) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return build(reader, field, null);
        }
        Map<String, OrdinalMap> perReader = ORDINALS.get(helper.getKey());
        if (perReader == null) {
            perReader = new ConcurrentHashMap<>();
            Map<String, OrdinalMap> raced = ORDINALS.putIfAbsent(helper.getKey(), perReader);
            if (raced != null) {
                perReader = raced;
            } else {
                helper.addClosedListener(ORDINALS::remove);
            }
        }
        OrdinalMap map = perReader.get(field);
        if (map == null) {
            // Two searches may both build it on a fresh reader; either result is the same.
            map = build(reader, field, helper.getKey());
            perReader.put(field, map);
        }
        return map;
    }

    private static OrdinalMap build(IndexReader reader, String field, IndexReader.CacheKey key) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = DocValues.getSortedSet(leaves.get(i).reader(), field);
        }
        return OrdinalMap.build(key, values, 0f);
    }

    /** Counts of one thread of a search. */
    final class Counting implements Collector {
        private final int[][] global = new int[facets.size()][];
        private int total;

        Counting() {
            for (int i = 0; i < global.length; i++) {
                global[i] = new int[ordinals[i] != null ? (int) ordinals[i].getValueCount() : since[i].length];
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            int n = facets.size();
            SortedSetDocValues[] values = new SortedSetDocValues[n];
            // Dimensions with one value per document in this segment are read as such: no per-document count.
            SortedDocValues[] single = new SortedDocValues[n];
            int[][] leafCounts = new int[n][];
            LongValues[] toGlobal = new LongValues[n];
            NumericDocValues[] moments = new NumericDocValues[n];
            for (int i = 0; i < n; i++) {
                switch (facets.get(i)) {
                    case Facet.Keyword keyword -> {
                        values[i] = DocValues.getSortedSet(context.reader(), keyword.countField());
                        single[i] = DocValues.unwrapSingleton(values[i]);
                        leafCounts[i] = new int[(int) values[i].getValueCount()];
                        toGlobal[i] = ordinals[i].getGlobalOrds(context.ord);
                    }
                    case Facet.Recency recency -> moments[i] = DocValues.getNumeric(context.reader(), recency.field());
                }
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    for (int i = 0; i < n; i++) {
                        NumericDocValues moment = moments[i];
                        if (moment != null) {
                            if (moment.advanceExact(doc)) {
                                long at = moment.longValue();
                                long[] windows = since[i];
                                for (int w = 0; w < windows.length; w++) {
                                    if (at >= windows[w]) {
                                        global[i][w]++;
                                    }
                                }
                            }
                            continue;
                        }
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
                public void finish() {
                    for (int i = 0; i < n; i++) {
                        int[] counts = leafCounts[i];
                        if (counts == null) {
                            continue;
                        }
                        for (int ord = 0; ord < counts.length; ord++) {
                            if (counts[ord] > 0) {
                                global[i][(int) toGlobal[i].get(ord)] += counts[ord];
                            }
                        }
                    }
                }
            };
        }
    }
}
