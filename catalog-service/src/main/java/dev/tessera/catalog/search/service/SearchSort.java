package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Fields;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** The orders a search may come in. Each ends with the product id, so a cursor's pages never overlap. */
enum SearchSort {
    /** Text relevance lifted by popularity ({@link Ranking}); a search without text is sorted by name. */
    RELEVANCE(new SortField[] {Ranking.INSTANCE.getSortField(true)}),
    NAME(new SortField[] {new SortField(Fields.NAME_SORT, SortField.Type.STRING)}),
    /** Most recently changed first. */
    UPDATED(new SortField[] {new SortField(Fields.UPDATED, SortField.Type.LONG, true)}),
    /** Highest compliance score first; products not evaluated yet last. */
    COMPLIANCE(new SortField[] {new SortField(Fields.COMPLIANCE, SortField.Type.DOUBLE, true)}),
    /** Most consumers first, then most runs read in the last 30 days. */
    USAGE(new SortField[] {
        new SortField(Fields.CONSUMERS, SortField.Type.LONG, true),
        new SortField(Fields.READS, SortField.Type.LONG, true)
    });

    /** The names callers use, in declaration order. */
    static final List<String> NAMES =
            Arrays.stream(values()).map(SearchSort::apiName).toList();

    private final Sort sort;

    SearchSort(SortField[] fields) {
        SortField[] all = Arrays.copyOf(fields, fields.length + 1);
        all[fields.length] = new SortField(Fields.ID_SORT, SortField.Type.STRING);
        this.sort = new Sort(all);
    }

    /** The name callers use: {@code relevance}, {@code name}, ... */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Sort sort() {
        return sort;
    }

    static Optional<SearchSort> named(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
    }
}
