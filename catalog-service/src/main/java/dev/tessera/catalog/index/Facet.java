package dev.tessera.catalog.index;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
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
public sealed interface Facet permits Facet.Keyword {

    /** The query parameter and the key of the facet's counts in a search result. */
    String name();

    /** What the facet's values are, for people: the API documentation's description of its parameter. */
    String description();

    /** Reads one value a caller sent for this facet. */
    Read read(String raw);

    /** Adds the facet's fields for one view of a product to its view document. */
    void index(Document view, IndexedProduct product);

    /** The documents having any of the given values, as {@link #read} made them. */
    Query filter(List<String> values);

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
        public Query filter(List<String> accepted) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String v : accepted) {
                any.add(new TermQuery(new Term(filterField(), v)), BooleanClause.Occur.SHOULD);
            }
            return any.build();
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
