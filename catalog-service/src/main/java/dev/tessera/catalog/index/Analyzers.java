package dev.tessera.catalog.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * How text becomes terms. Data product names are technical ({@code orders_daily_v2}, {@code crm.customer-360}):
 * the standard tokenizer keeps {@code orders_daily_v2} as one word, so every run of letters and digits is a
 * token here instead, lower-cased and folded to ASCII.
 */
public final class Analyzers {

    /** Longest prefix indexed for autocomplete; longer prefixes fall back to a prefix query. */
    public static final int MAX_PREFIX = 20;

    private Analyzers() {}

    /** Letters-and-digits tokens, lower-cased, ASCII-folded. */
    public static Analyzer technical() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
                return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** The technical tokens plus each token's leading 1..{@link #MAX_PREFIX} characters, for autocomplete. */
    public static Analyzer prefixes() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
                return new TokenStreamComponents(tokenizer, new EdgeNGramTokenFilter(stream, 1, MAX_PREFIX, true));
            }
        };
    }

    /** The analyzer the index writer uses, field by field. */
    public static Analyzer perField() {
        Analyzer technical = technical();
        return new PerFieldAnalyzerWrapper(
                technical, Map.of(Fields.NAME_PREFIX, prefixes(), Fields.NAME_KEYWORD, new KeywordAnalyzer()));
    }

    /** The query-side tokens of a text, as the technical analyzer makes them. */
    public static java.util.List<String> tokens(Analyzer analyzer, String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(Fields.NAME, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
