package dev.tessera.catalog.search.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Typo matching with automata shared between fields finds and ranks exactly what Lucene's own FuzzyQuery
 * (first letter kept, transpositions as one edit) finds and ranks, field by field.
 */
class TypoQueryTest {

    private static final List<String> WORDS = List.of(
            "inventory",
            "inventroy",
            "invnetory",
            "inventoyr",
            "inventries",
            "invetnroy",
            "onventory",
            "inventor",
            "data",
            "date",
            "dada",
            "bata",
            "dat",
            "datas",
            "customer",
            "costumer",
            "customers",
            "custom");

    @Test
    void findsAndRanksWhatFuzzyQueryFindsInEveryField() throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
                for (int i = 0; i < WORDS.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StringField("id", WORDS.get(i), Field.Store.YES));
                    doc.add(new TextField("name", WORDS.get(i), Field.Store.NO));
                    // Another field holds the words in another order, so the same automata meet other terms.
                    doc.add(new TextField("tags", WORDS.get(WORDS.size() - 1 - i) + " extra", Field.Store.NO));
                    writer.addDocument(doc);
                    if (i % 5 == 4) {
                        writer.commit(); // several segments, as a live index has
                    }
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String word : List.of("inventory", "data", "customer", "datum")) {
                    int edits = TextQueries.edits(word);
                    TypoQuery.Typos typos = new TypoQuery.Typos(word, edits);
                    for (String field : List.of("name", "tags")) {
                        List<String> ours = hits(searcher, new TypoQuery(field, typos, 50));
                        List<String> lucene = hits(searcher, new FuzzyQuery(new Term(field, word), edits, 1, 50, true));
                        assertThat(ours).as(word + " in " + field).isEqualTo(lucene);
                    }
                }
                TypoQuery.Typos inventory = new TypoQuery.Typos("inventory", 2);
                List<String> found = hits(searcher, new TypoQuery("name", inventory, 50));
                // The word itself first; another first letter or three edits never match.
                assertThat(found.get(0)).startsWith("inventory@");
                assertThat(String.join(" ", found))
                        .contains("inventroy@", "invnetory@", "inventor@")
                        .doesNotContain("onventory");
            }
        }
    }

    /** Hits as {@code id@score}, best first: the same list means the same matches, order and scores. */
    private static List<String> hits(IndexSearcher searcher, Query query) throws IOException {
        List<String> ids = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, 50).scoreDocs) {
            ids.add(searcher.storedFields().document(hit.doc).get("id") + "@" + hit.score);
        }
        return ids;
    }
}
