package dev.tessera.catalog.index;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A search facet: a filter a caller sets with the query parameter of its {@link #name()}, and the count of
 * each of its values among a search's matches, shown under the same name. One facet carries everything
 * about it: how it reads what callers send, what it takes from an indexed product, the index fields it
 * writes, and the query that filters on it. The facets there are, in the order searches show them, are
 * {@link Facets#ALL}; search, indexing and the API's parameters are all drawn from that list.
 */
public sealed interface Facet permits Facet.Keyword, Facet.Recency {

    /** The query parameter and the key of the facet's counts in a search result. */
    String name();

    /** What the facet's values are, for people: the API documentation's description of its parameter. */
    String description();

    /** Reads one value a caller sent for this facet. */
    Read read(String raw);

    /** Adds the facet's fields for one view of a product to its view document. */
    void index(Document view, IndexedProduct product);

    /** The documents having any of the given values, as {@link #read} made them, at the time {@code now}. */
    Query filter(List<String> values, Instant now);

    /** What a caller's value for a facet amounts to. */
    sealed interface Read {

        /** A value to filter on, as it is indexed. */
        record Value(String value) implements Read {}

        /** Nothing to filter on (a blank value). */
        record Skip() implements Read {}

        /** A value the facet cannot take; the message says which it takes. */
        record Refused(String message) implements Read {}
    }

    /**
     * A facet whose values are words taken from the product when it is indexed: a keyword field to filter
     * on ({@code f_<name>}) and a doc-values field to count from ({@code ff_<name>}).
     *
     * @param name the query parameter and result key
     * @param description what its values are, for people
     * @param reader how a caller's value becomes an indexed one
     * @param values the product's values, as indexed (none for a product without one)
     */
    record Keyword(
            String name,
            String description,
            Function<String, Read> reader,
            Function<IndexedProduct, Collection<String>> values)
            implements Facet {

        @Override
        public Read read(String raw) {
            return reader.apply(raw);
        }

        /** The keyword field a filter matches on. */
        public String filterField() {
            return "f_" + name;
        }

        /** The doc-values field the facet is counted from. */
        public String countField() {
            return "ff_" + name;
        }

        @Override
        public void index(Document view, IndexedProduct product) {
            for (String value : values.apply(product)) {
                if (value != null && !value.isBlank()) {
                    view.add(new StringField(filterField(), value, Field.Store.NO));
                    view.add(new SortedSetDocValuesField(countField(), new BytesRef(value)));
                }
            }
        }

        @Override
        public Query filter(List<String> accepted, Instant now) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String v : accepted) {
                any.add(new TermQuery(new Term(filterField(), v)), BooleanClause.Occur.SHOULD);
            }
            return any.build();
        }
    }

    /**
     * A facet whose values are windows of time up to now ({@code 30d}: the last 30 days) that a moment
     * taken from the product falls into, such as its last observed read. The moment is indexed
     * ({@code field}: a point to filter on and doc values to count from); which windows it falls into is
     * decided at search time, so a product read 29 days ago drops out of {@code 30d} two days later
     * without being indexed again.
     *
     * @param name the query parameter and result key
     * @param description what its values are, for people
     * @param field the index field holding the moment
     * @param windows the values, in the order they are shown
     * @param moment the product's moment, or null for a product without one
     */
    record Recency(
            String name,
            String description,
            String field,
            List<Window> windows,
            Function<IndexedProduct, Instant> moment)
            implements Facet {

        /**
         * One value of a recency facet.
         *
         * @param value how callers and results name it, e.g. {@code 30d}
         * @param length how far back from now it reaches
         */
        public record Window(String value, Duration length) {}

        @Override
        public Read read(String raw) {
            if (raw.isBlank()) {
                return new Read.Skip();
            }
            String trimmed = raw.trim().toLowerCase(Locale.ROOT);
            for (Window w : windows) {
                if (w.value().equals(trimmed)) {
                    return new Read.Value(w.value());
                }
            }
            return new Read.Refused(name + " must be "
                    + String.join(" or ", windows.stream().map(Window::value).toList()) + ".");
        }

        @Override
        public void index(Document view, IndexedProduct product) {
            Instant at = moment.apply(product);
            if (at != null) {
                view.add(new LongPoint(field, at.toEpochMilli()));
                view.add(new NumericDocValuesField(field, at.toEpochMilli()));
            }
        }

        @Override
        public Query filter(List<String> accepted, Instant now) {
            // Alternatives of one facet: the widest window accepted holds every narrower one.
            long since = Long.MAX_VALUE;
            for (String value : accepted) {
                since = Math.min(since, since(value, now));
            }
            return LongPoint.newRangeQuery(field, since, Long.MAX_VALUE);
        }

        /** The earliest moment, in epoch milliseconds, that falls into a window at {@code now}. */
        public long since(String value, Instant now) {
            for (Window w : windows) {
                if (w.value().equals(value)) {
                    return now.minus(w.length()).toEpochMilli();
                }
            }
            throw new IllegalArgumentException(name + " has no window " + value);
        }
    }

    /** Readers of callers' values shared by several facets. */
    final class Readers {

        private static final Read SKIP = new Read.Skip();

        private Readers() {}

        /** Any value, as sent; blank values are ignored. */
        public static Read asSent(String raw) {
            return raw.isBlank() ? SKIP : new Read.Value(raw);
        }

        /** Any value, in upper case; blank values are ignored. */
        public static Read upperCase(String raw) {
            return raw.isBlank() ? SKIP : new Read.Value(raw.toUpperCase(Locale.ROOT));
        }

        /** Any value, in lower case; blank values are ignored. */
        public static Read lowerCase(String raw) {
            return raw.isBlank() ? SKIP : new Read.Value(raw.toLowerCase(Locale.ROOT));
        }
    }
}
