package dev.tessera.catalog.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.StringHelper;

/**
 * One generation of the index on disk: its writer, the searchers readers borrow, and the state of
 * aggregates written since the last refresh (so a writer reading its own writes never sees stale state).
 * Writes are serialised on the store; searches never block on them.
 */
public final class IndexStore implements AutoCloseable {

    /** Commit user-data key holding {@link CatalogIndex#FORMAT_VERSION}. */
    static final String FORMAT_KEY = "tessera.catalog.format";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SOURCE_ONLY = Set.of(Fields.SOURCE);

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Optional<JsonNode>> unrefreshed = new HashMap<>();
    private boolean dirty;

    private IndexStore(Path path, Directory directory, IndexWriter writer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, new SearcherFactory());
    }

    /** Opens (or creates) the index in {@code path}. */
    public static IndexStore open(Path path) {
        try {
            Directory directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(Analyzers.perField());
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(64);
            return new IndexStore(path, directory, new IndexWriter(directory, config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the catalog index in " + path, e);
        }
    }

    /** The format version recorded by the last commit of the index in {@code path}, or -1 when there is none. */
    public static int committedFormat(Path path) {
        try (Directory directory = FSDirectory.open(path)) {
            if (!DirectoryReader.indexExists(directory)) {
                return -1;
            }
            String value =
                    SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT_KEY);
            return value == null ? 0 : Integer.parseInt(value);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    public Path path() {
        return path;
    }

    /** The JSON state of an aggregate, as last written, or empty. */
    public synchronized Optional<JsonNode> source(String key) {
        Optional<JsonNode> pending = unrefreshed.get(key);
        if (pending != null) {
            return pending;
        }
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(stateQuery(key), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.<JsonNode>empty();
            }
            return Optional.of(
                    read(searcher.storedFields().document(top.scoreDocs[0].doc).get(Fields.SOURCE)));
        });
    }

    /**
     * Replaces every document of an aggregate at once: a state document holding {@code source} and the
     * given view documents. Readers see either all the old documents or all the new ones.
     */
    public synchronized void put(
            String key, String stateType, JsonNode source, List<Document> extraStateFields, List<Document> views) {
        Document state = new Document();
        state.add(new StringField(Fields.KEY, key, Field.Store.YES));
        state.add(new StringField(Fields.KIND, Fields.KIND_STATE, Field.Store.NO));
        state.add(new StringField(Fields.STATE_TYPE, stateType, Field.Store.NO));
        state.add(new StoredField(Fields.SOURCE, source.toString()));
        for (Document extra : extraStateFields) {
            extra.forEach(state::add);
        }
        List<Document> docs = new ArrayList<>(views.size() + 1);
        docs.add(state);
        for (Document view : views) {
            view.add(new StringField(Fields.KEY, key, Field.Store.NO));
            view.add(new StringField(Fields.KIND, Fields.KIND_VIEW, Field.Store.NO));
            docs.add(view);
        }
        try {
            writer.updateDocuments(new Term(Fields.KEY, key), docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unrefreshed.put(key, Optional.of(source));
        dirty = true;
    }

    /** Removes every document of an aggregate. */
    public synchronized void delete(String key) {
        try {
            writer.deleteDocuments(new Term(Fields.KEY, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unrefreshed.put(key, Optional.empty());
        dirty = true;
    }

    /**
     * Removes only the documents matching {@code query}, leaving the rest of their aggregates. Exists for
     * maintenance and for tests that inject drift; the read model never does this itself.
     */
    public synchronized void deleteMatching(Query query) {
        try {
            writer.deleteDocuments(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unrefreshed.clear();
        dirty = true;
    }

    /** Makes writes so far visible to searches. */
    public synchronized void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unrefreshed.clear();
    }

    /** Makes writes so far durable, recording the index format version. */
    public synchronized void commit(int formatVersion) {
        if (!dirty && writer.hasUncommittedChanges() == false && formatVersion == committedFormatOfWriter()) {
            return;
        }
        try {
            writer.setLiveCommitData(
                    Map.of(FORMAT_KEY, Integer.toString(formatVersion)).entrySet());
            writer.commit();
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int committedFormatOfWriter() {
        var data = writer.getLiveCommitData();
        if (data == null) {
            return -1;
        }
        for (var entry : data) {
            if (FORMAT_KEY.equals(entry.getKey())) {
                return Integer.parseInt(entry.getValue());
            }
        }
        return -1;
    }

    /** Runs a read against the latest refreshed searcher. */
    public <T> T withSearcher(SearchFunction<T> fn) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return fn.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Visits every live state document of one type ({@code product}, {@code edge}, {@code access}) with the
     * number of view documents beside it, one at a time: walks the aggregate keys of each segment in order,
     * so memory does not grow with the index (reconciliation reads a whole estate this way).
     */
    public void forEachState(String stateType, StateVisitor visitor) {
        BytesRef prefix = new BytesRef(stateType + ":");
        withSearcher(searcher -> {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                Terms keys = reader.terms(Fields.KEY);
                if (keys == null) {
                    continue;
                }
                Bits live = reader.getLiveDocs();
                FixedBitSet states = matching(reader, Fields.KIND, Fields.KIND_STATE);
                StoredFields stored = reader.storedFields();
                TermsEnum terms = keys.iterator();
                if (terms.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
                    continue;
                }
                PostingsEnum postings = null;
                for (BytesRef key = terms.term();
                        key != null && StringHelper.startsWith(key, prefix);
                        key = terms.next()) {
                    postings = terms.postings(postings, PostingsEnum.NONE);
                    int state = -1;
                    int views = 0;
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live != null && !live.get(doc)) {
                            continue;
                        }
                        if (states.get(doc)) {
                            state = doc;
                        } else {
                            views++;
                        }
                    }
                    if (state >= 0) {
                        String source = stored.document(state, SOURCE_ONLY).get(Fields.SOURCE);
                        visitor.visit(key.utf8ToString(), source, views);
                    }
                }
            }
            return null;
        });
    }

    /** Documents of one segment holding a term (deleted ones included; callers check live docs). */
    private static FixedBitSet matching(LeafReader reader, String field, String value) throws IOException {
        FixedBitSet bits = new FixedBitSet(Math.max(1, reader.maxDoc()));
        Terms terms = reader.terms(field);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            if (te.seekExact(new BytesRef(value))) {
                PostingsEnum docs = te.postings(null, PostingsEnum.NONE);
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    bits.set(doc);
                }
            }
        }
        return bits;
    }

    /** How many documents match, on the latest refreshed searcher. */
    public int count(Query query) {
        return withSearcher(searcher -> searcher.count(query));
    }

    /** Number of view documents (searchable products, one per visibility). */
    public int viewCount() {
        return count(new TermQuery(new Term(Fields.KIND, Fields.KIND_VIEW)));
    }

    /** True when the index holds no document at all. */
    public boolean isEmpty() {
        return count(new MatchAllDocsQuery()) == 0;
    }

    static Query stateQuery(String key) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.KEY, key)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_STATE)), BooleanClause.Occur.FILTER)
                .build();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable state document in the catalog index", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives one state document during {@link #forEachState}. */
    @FunctionalInterface
    public interface StateVisitor {
        /**
         * @param key the aggregate key, e.g. {@code product:<id>}
         * @param source the state's JSON as stored
         * @param views the live view documents of the aggregate
         */
        void visit(String key, String source, int views) throws IOException;
    }

    /** A read on a searcher. */
    @FunctionalInterface
    public interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
