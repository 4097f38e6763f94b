package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Fields;
import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The order of a text search: how well a product matches the words (BM25, see {@link TextQueries}),
 * lifted by how popular it is. The lift multiplies the text score by {@code 1 + MAX_LIFT x popularity}
 * (popularity from 0 to 1, log-scaled and capped when indexed: {@code ProductUsage#popularity}), so it
 * never exceeds {@link #MAX_LIFT}: among products that match about equally the used one comes first, and
 * one that matches more than {@code MAX_LIFT} better is never overtaken by a popular poor match. A
 * multiplier rather than an added amount, because text scores have no fixed scale: what counts as close
 * is a ratio whatever the words.
 */
final class Ranking extends DoubleValuesSource {

    /** The most a product's popularity may lift its text score: 20 %. */
    static final double MAX_LIFT = 0.2;

    static final Ranking INSTANCE = new Ranking();

    private Ranking() {}

    /** The lift of a product of the given popularity. */
    static double lift(double popularity) {
        return 1 + MAX_LIFT * Math.max(0, Math.min(1, popularity));
    }

    @Override
    public DoubleValues getValues(LeafReaderContext context, DoubleValues scores) throws IOException {
        NumericDocValues popularity = DocValues.getNumeric(context.reader(), Fields.POPULARITY);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                double score = scores.advanceExact(doc) ? scores.doubleValue() : 0;
                double p = popularity.advanceExact(doc) ? Double.longBitsToDouble(popularity.longValue()) : 0;
                value = score * lift(p);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return true;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext context) {
        return DocValues.isCacheable(context, Fields.POPULARITY);
    }

    @Override
    public int hashCode() {
        return Ranking.class.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ranking;
    }

    @Override
    public String toString() {
        return "text score x (1 + " + MAX_LIFT + " x popularity)";
    }
}
