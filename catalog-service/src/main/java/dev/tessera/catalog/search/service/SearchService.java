package dev.tessera.catalog.search.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.tessera.catalog.index.CatalogIndex;
import dev.tessera.catalog.index.Facet;
import dev.tessera.catalog.index.Facets;
import dev.tessera.catalog.index.Fields;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/** Full-text search with facets, filters, sorting and cursors over what the caller may see. */
@ApplicationScoped
public class SearchService {

    /** Sort orders a caller may ask for. */
    public static final List<String> SORTS = SearchSort.NAMES;

    /** Values shown per facet dimension (selected values are always shown). */
    static final int FACET_VALUES = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CatalogIndex index;

    @Inject
    MeterRegistry meters;

    private Timer matchTime;
    private Timer renderTime;

    /**
     * Where a search's time goes inside the service: finding, ranking and counting the matches (what the
     * benchmark's Lucene floor also does) against turning them into the answer (stored fields,
     * highlights, facet values). Told apart, a slow search shows which half to look at.
     */
    @PostConstruct
    void meters() {
        matchTime = Timer.builder("tessera.catalog.search.part")
                .description("Time of one part of a search inside the service")
                .tag("part", "match")
                .register(meters);
        renderTime = Timer.builder("tessera.catalog.search.part")
                .description("Time of one part of a search inside the service")
                .tag("part", "render")
                .register(meters);
    }

    private static final TextQueries TEXT_QUERIES = new TextQueries();
    private static final Set<String> HIT_ONLY = Set.of(Fields.HIT);
    private static final Set<String> HIT_AND_TEXT = Set.of(Fields.HIT, Fields.NAME, Fields.DESCRIPTION);

    public SearchResult search(SearchRequest request, Visibility visibility) {
        long start = System.nanoTime();
        Plan plan = plan(request, visibility);
        return index.active().withSearcher(shared -> {
            IndexSearcher searcher = new SlicedSearcher(shared.getIndexReader());
            Matches m = execute(searcher, plan, request.limit());
            long matched = System.nanoTime();
            matchTime.record(matched - start, TimeUnit.NANOSECONDS);
            List<JsonNode> items = render(searcher, m.docs(), plan);
            String next = null;
            if (m.docs().scoreDocs.length == request.limit()
                    && (plan.after() != null || m.facets().total() > request.limit())) {
                FieldDoc last = (FieldDoc) m.docs().scoreDocs[m.docs().scoreDocs.length - 1];
                next = encodeCursor(plan.sort(), last);
            }
            SearchResult result =
                    new SearchResult(items, m.facets().total(), facets(m.facets(), request.filters()), next);
            renderTime.record(System.nanoTime() - matched, TimeUnit.NANOSECONDS);
            return result;
        });
    }

    /**
     * The Lucene part of a search alone (matching, ranking, sorting, facet counting) on a given reader,
     * without HTTP, JSON or highlighting: split into parts as the service splits it, or on one thread. The
     * benchmark runs it on the service's index files as the floor the API's figures are compared with.
     * Returns the number of matches.
     */
    public static int luceneOnly(IndexReader reader, boolean split, SearchRequest request, Visibility visibility)
            throws IOException {
        Plan plan = plan(request, visibility);
        IndexSearcher searcher = split ? new SlicedSearcher(reader) : new IndexSearcher(reader);
        Matches m = execute(searcher, plan, request.limit());
        return m.facets().total();
    }

    /**
     * What a search finds on a given searcher: how many matches, the page's product ids in order and every
     * facet's counts by value. Tests compare a split search with a search on one thread through it.
     */
    static Found found(IndexSearcher searcher, SearchRequest request, Visibility visibility) throws IOException {
        Matches m = execute(searcher, plan(request, visibility), request.limit());
        StoredFields stored = searcher.storedFields();
        List<String> ids = new ArrayList<>();
        for (ScoreDoc hit : m.docs().scoreDocs) {
            ids.add(stored.document(hit.doc, Set.of(Fields.PRODUCT_ID)).get(Fields.PRODUCT_ID));
        }
        Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
        for (var facet : m.facets().counts().entrySet()) {
            Map<String, Integer> byValue = new LinkedHashMap<>();
            int[] counts = facet.getValue().counts();
            for (int ord = 0; ord < counts.length; ord++) {
                if (counts[ord] > 0) {
                    byValue.put(facet.getValue().values().of(ord), counts[ord]);
                }
            }
            facets.put(facet.getKey().name(), byValue);
        }
        return new Found(m.facets().total(), ids, facets);
    }

    /** See {@link #found}; facets by name. */
    record Found(int total, List<String> ids, Map<String, Map<String, Integer>> facets) {}

    /**
     * @param others per filtered facet, the query with every filter but that facet's own: its counts come from
     *     there (multi-select faceting), so a caller sees the alternatives to what they picked
     */
    private record Plan(
            String words,
            Query text,
            Query query,
            Map<Facet, Query> others,
            SearchSort sort,
            FieldDoc after,
            Instant now) {}

    private record Matches(TopFieldDocs docs, FacetCounter.Result facets) {}

    private static Plan plan(SearchRequest request, Visibility visibility) {
        Query text = TEXT_QUERIES.search(request.text());
        SearchSort sort = SearchSort.named(request.sort())
                .orElseThrow(() -> ApiException.invalidField("sort", "sort must be one of " + SORTS + "."));
        if (text == null && sort == SearchSort.RELEVANCE) {
            sort = SearchSort.NAME;
        }
        Instant now = Instant.now();
        return new Plan(
                request.text(),
                text,
                build(text, request.filters(), visibility, now),
                others(text, request.filters(), visibility, now),
                sort,
                decodeCursor(request.cursor(), sort),
                now);
    }

    private static Matches execute(IndexSearcher searcher, Plan plan, int limit) throws IOException {
        var top = new TopFieldCollectorManager(plan.sort().sort(), limit, plan.after(), 1000);
        var facets = new FacetCounter(Facets.ALL, searcher.getIndexReader(), plan.now());
        Object[] results = searcher.search(plan.query(), new MultiCollectorManager(top, facets));
        FacetCounter.Result counts = (FacetCounter.Result) results[1];
        if (!plan.others().isEmpty()) {
            Map<Facet, FacetCounter.DimCounts> merged = new LinkedHashMap<>(counts.counts());
            for (var e : plan.others().entrySet()) {
                // Counting only: the collector needs no scores, so the text query only matches here.
                FacetCounter.Result own = searcher.search(
                        e.getValue(), new FacetCounter(List.of(e.getKey()), searcher.getIndexReader(), plan.now()));
                merged.put(e.getKey(), own.counts().get(e.getKey()));
            }
            counts = new FacetCounter.Result(merged, counts.total());
        }
        return new Matches((TopFieldDocs) results[0], counts);
    }

    /** Per filtered facet, the search with all filters but that facet's (visibility always applies). */
    private static Map<Facet, Query> others(
            Query text, Map<Facet, List<String>> filters, Visibility visibility, Instant now) {
        Map<Facet, Query> out = new LinkedHashMap<>();
        for (Facet facet : filters.keySet()) {
            Map<Facet, List<String>> rest = new LinkedHashMap<>(filters);
            rest.remove(facet);
            out.put(facet, build(text, rest, visibility, now));
        }
        return out;
    }

    /** Names of visible products whose words start with what was typed, best first. */
    public List<JsonNode> suggest(String text, int limit, Visibility visibility) {
        Query prefix = TEXT_QUERIES.suggest(text);
        if (prefix == null) {
            return List.of();
        }
        Query query = build(prefix, Map.of(), visibility, Instant.now());
        Sort sort = new Sort(SortField.FIELD_SCORE, new SortField(Fields.NAME_SORT, SortField.Type.STRING));
        return index.active().withSearcher(searcher -> {
            TopDocs top = searcher.search(query, limit, sort);
            StoredFields stored = searcher.storedFields();
            List<JsonNode> out = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                JsonNode h = JSON.readTree(stored.document(hit.doc).get(Fields.HIT));
                ObjectNode s = JSON.createObjectNode();
                s.put("id", h.path("id").asText());
                s.put("name", h.path("name").asText());
                s.put("domain", h.path("domain").asText());
                out.add(s);
            }
            return out;
        });
    }

    static Query build(Query text, Map<Facet, List<String>> filters, Visibility visibility, Instant now) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(text == null ? new MatchAllDocsQuery() : text, BooleanClause.Occur.MUST);
        b.add(visibility.filter(), BooleanClause.Occur.FILTER);
        filters.forEach((facet, values) -> b.add(facet.filter(values, now), BooleanClause.Occur.FILTER));
        return b.build();
    }

    /**
     * The hits as JSON. Each is the hit JSON stored with its view, copied as it is; a text search appends
     * the score and the highlights, marked in the stored name and description. No hit is parsed.
     */
    private static List<JsonNode> render(IndexSearcher searcher, TopFieldDocs docs, Plan plan) throws IOException {
        Snippets snippets = plan.text() == null ? null : new Snippets(plan.words());
        StoredFields stored = searcher.storedFields();
        List<JsonNode> items = new ArrayList<>(docs.scoreDocs.length);
        for (ScoreDoc hit : docs.scoreDocs) {
            Document doc = stored.document(hit.doc, snippets == null ? HIT_ONLY : HIT_AND_TEXT);
            String json = doc.get(Fields.HIT);
            if (snippets != null) {
                StringBuilder item = new StringBuilder(json.length() + 256);
                // The stored hit is a JSON object written by ProductDocuments: drop its closing brace.
                item.append(json, 0, json.lastIndexOf('}'));
                if (plan.sort() == SearchSort.RELEVANCE && ((FieldDoc) hit).fields[0] instanceof Double ranked) {
                    item.append(",\"score\":").append(ranked.doubleValue());
                }
                item.append(",\"highlights\":{");
                String name = snippets.name(doc.get(Fields.NAME));
                if (name != null) {
                    item.append('"').append(Fields.NAME).append("\":");
                    quote(item, name);
                }
                String description = snippets.description(doc.get(Fields.DESCRIPTION));
                if (description != null) {
                    item.append(name != null ? ",\"" : "\"")
                            .append(Fields.DESCRIPTION)
                            .append("\":");
                    quote(item, description);
                }
                json = item.append("}}").toString();
            }
            items.add(JSON.getNodeFactory().rawValueNode(new RawValue(json)));
        }
        return items;
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    /**
     * Per facet, by name, the {@link #FACET_VALUES} most frequent values (ties by value) and every selected
     * value that has matches, most frequent first. Only the values shown are turned into strings.
     */
    private static Map<String, List<SearchResult.FacetValue>> facets(
            FacetCounter.Result counts, Map<Facet, List<String>> filters) throws IOException {
        Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
        for (Facet facet : Facets.ALL) {
            FacetCounter.DimCounts dc = counts.counts().getOrDefault(facet, FacetCounter.DimCounts.EMPTY);
            out.put(facet.name(), shown(dc, filters.getOrDefault(facet, List.of())));
        }
        return out;
    }

    static List<SearchResult.FacetValue> shown(FacetCounter.DimCounts dc, List<String> selected) throws IOException {
        int[] counts = dc.counts();
        // The count of the FACET_VALUES-th most frequent value: every value above it is shown, and of the
        // values at it those first by value (strings compared as Java compares them).
        int nonZero = 0;
        for (int c : counts) {
            if (c > 0) {
                nonZero++;
            }
        }
        int threshold = 1;
        if (nonZero > FACET_VALUES) {
            int[] sorted = new int[nonZero];
            int k = 0;
            for (int c : counts) {
                if (c > 0) {
                    sorted[k++] = c;
                }
            }
            java.util.Arrays.sort(sorted);
            threshold = sorted[nonZero - FACET_VALUES];
        }
        List<SearchResult.FacetValue> above = new ArrayList<>();
        List<SearchResult.FacetValue> at = new ArrayList<>();
        for (int ord = 0; ord < counts.length; ord++) {
            if (counts[ord] > threshold) {
                above.add(new SearchResult.FacetValue(dc.values().of(ord), counts[ord]));
            } else if (counts[ord] == threshold) {
                at.add(new SearchResult.FacetValue(dc.values().of(ord), counts[ord]));
            }
        }
        Comparator<SearchResult.FacetValue> order = Comparator.comparingInt(SearchResult.FacetValue::count)
                .reversed()
                .thenComparing(SearchResult.FacetValue::value);
        at.sort(order);
        List<SearchResult.FacetValue> shown = new ArrayList<>(above);
        shown.addAll(at.subList(0, Math.min(at.size(), Math.max(0, FACET_VALUES - above.size()))));
        if (!selected.isEmpty()) {
            Set<String> missing = new LinkedHashSet<>(selected);
            shown.forEach(v -> missing.remove(v.value()));
            if (!missing.isEmpty()) {
                for (int ord = 0; ord < counts.length; ord++) {
                    if (counts[ord] > 0 && counts[ord] < threshold) {
                        String value = dc.values().of(ord);
                        if (missing.contains(value)) {
                            shown.add(new SearchResult.FacetValue(value, counts[ord]));
                        }
                    }
                }
                for (SearchResult.FacetValue v : at) {
                    if (missing.contains(v.value()) && !shown.contains(v)) {
                        shown.add(v);
                    }
                }
            }
        }
        shown.sort(order);
        return shown;
    }

    /** A cursor is the sort name and the last hit's sort values; it only continues the same sort. */
    static String encodeCursor(SearchSort sort, FieldDoc last) {
        ArrayNode values = JSON.createArrayNode();
        values.add(sort.apiName());
        for (Object v : last.fields) {
            if (v instanceof BytesRef b) {
                values.add(b.utf8ToString());
            } else if (v instanceof Float f) {
                values.add(f);
            } else if (v instanceof Long l) {
                values.add(l);
            } else if (v instanceof Double d) {
                values.add(d);
            } else {
                values.add(String.valueOf(v));
            }
        }
        return Cursors.encode(values.toString());
    }

    static FieldDoc decodeCursor(String cursor, SearchSort sort) {
        String raw = Cursors.decode(cursor);
        if (raw == null) {
            return null;
        }
        try {
            JsonNode values = JSON.readTree(raw);
            SortField[] fields = sort.sort().getSort();
            if (!values.isArray()
                    || values.size() != fields.length + 1
                    || !sort.apiName().equals(values.get(0).asText())) {
                throw new IllegalArgumentException("cursor of another search");
            }
            Object[] after = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                JsonNode value = values.get(i + 1);
                after[i] = switch (fields[i].getType()) {
                    case STRING -> new BytesRef(value.asText());
                    case LONG -> value.asLong();
                    case SCORE -> (float) value.asDouble();
                    // The ranking's values ({@link Ranking}) are doubles too.
                    case DOUBLE, CUSTOM -> value.asDouble();
                    default -> throw new IllegalArgumentException("unknown sort field type");
                };
            }
            return new FieldDoc(Integer.MAX_VALUE, Float.NaN, after);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.invalidField(
                    "cursor", "Pass back the `next` value of a previous page of the same search and sort unchanged.");
        }
    }
}
