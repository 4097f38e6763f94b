package dev.tessera.catalog.search.service;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;

/**
 * A searcher that splits one search into as many equal parts of the index as the machine has cores, and
 * runs them at once: the request's own thread takes one part and pool threads the others. A term that
 * matches most products is counted, scored and faceted over every match, so its time is proportional to
 * the index; on an idle service this divides it by the cores. Under load, a part the pool has not
 * started yet is run by the request's own thread (Lucene's task executor does this), so a busy pool
 * makes a search no slower than running its parts one after another. Parts may cut a
 * segment in two (Lucene searches partitions of a segment independently), so a large merged segment
 * is split too.
 */
final class SlicedSearcher extends IndexSearcher {

    /** Parts per search: the cores this process may use. */
    static final int PARTS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService POOL = PARTS == 1
            ? null
            : Executors.newFixedThreadPool(
                    PARTS - 1,
                    Thread.ofPlatform().name("catalog-search-", 0).daemon().factory());

    private final int parts;

    /** A searcher over {@code reader} that searches it in {@link #PARTS} parts. */
    SlicedSearcher(IndexReader reader) {
        this(reader, PARTS);
    }

    /** A searcher over {@code reader} that searches it in {@code parts} parts (tests ask for more than the cores). */
    SlicedSearcher(IndexReader reader, int parts) {
        super(reader, POOL);
        this.parts = parts;
    }

    @Override
    protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
        long docs = 0;
        for (LeafReaderContext leaf : leaves) {
            docs += leaf.reader().maxDoc();
        }
        int perPart = (int) Math.max(1, (docs + parts - 1) / parts);
        return slices(leaves, perPart, Integer.MAX_VALUE, true);
    }
}
