package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Analyzers;
import dev.tessera.catalog.index.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a person typed into a Lucene query. Every word must match somewhere; where it matches decides
 * the score (BM25, boosted name > tags > domain and owners > ports > schema > description). Words of four
 * letters or more also match with one typo, of eight or more with two; exact matches still outrank typo
 * matches because typo alternatives carry lower boosts. A query is also tried as a whole name with up to two
 * typos, the way people paste a 60-character technical name they half remember (see {@link #wholeName}).
 */
final class TextQueries {

    static final float NAME = 5f;
    static final float TAGS = 3f;
    static final float DOMAIN = 2f;
    static final float OWNERS = 2f;
    static final float PORTS = 1.5f;
    static final float SCHEMA = 1.2f;
    static final float DESCRIPTION = 1f;

    private static final int MAX_EXPANSIONS = 50;

    /** Longest text also tried as a whole name with two edits. */
    static final int WHOLE_NAME_FUZZY = 24;

    /** Fewest words of a text tried as a pasted name whose words may have two typos between them. */
    static final int NAME_WORDS = 5;

    /** Queries of up to this many words look for typos in schema and description too, longer ones not. */
    static final int FUZZY_EVERYWHERE = 3;

    private final Analyzer analyzer = Analyzers.technical();

    /** The search query for a text; null for a blank text (browse everything visible). */
    Query search(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<String> tokens = Analyzers.tokens(analyzer, text);
        if (tokens.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            List<Query> alternatives = new ArrayList<>();
            alternatives.add(boost(term(Fields.NAME, t), NAME));
            alternatives.add(boost(term(Fields.TAGS_TEXT, t), TAGS));
            alternatives.add(boost(term(Fields.DOMAIN_TEXT, t), DOMAIN));
            alternatives.add(boost(term(Fields.OWNERS_TEXT, t), OWNERS));
            alternatives.add(boost(term(Fields.PORTS_TEXT, t), PORTS));
            alternatives.add(boost(term(Fields.SCHEMA_TEXT, t), SCHEMA));
            alternatives.add(boost(term(Fields.DESCRIPTION, t), DESCRIPTION));
            int edits = edits(t);
            if (edits > 0) {
                // One set of edit-distance automata per word, shared by its fields.
                TypoQuery.Typos typos = new TypoQuery.Typos(t, edits);
                alternatives.add(boost(typo(Fields.NAME, typos), NAME * 0.4f));
                alternatives.add(boost(typo(Fields.TAGS_TEXT, typos), TAGS * 0.4f));
                if (tokens.size() <= FUZZY_EVERYWHERE) {
                    // A longer text is a pasted name: typo alternatives in every field would multiply the
                    // terms to expand and score by its word count for matches that only the name decides.
                    alternatives.add(boost(typo(Fields.SCHEMA_TEXT, typos), SCHEMA * 0.4f));
                    alternatives.add(boost(typo(Fields.DESCRIPTION, typos), DESCRIPTION * 0.4f));
                }
            }
            if (i == tokens.size() - 1 && t.length() <= Analyzers.MAX_PREFIX) {
                // The last word may still be being typed.
                alternatives.add(boost(term(Fields.NAME_PREFIX, t), NAME * 0.3f));
            }
            words.add(new DisjunctionMaxQuery(alternatives, 0.1f), BooleanClause.Occur.MUST);
        }
        Query all = words.build();
        Query whole = wholeName(text, tokens);
        if (whole == null) {
            return all;
        }
        return new BooleanQuery.Builder()
                .add(all, BooleanClause.Occur.SHOULD)
                .add(boost(whole, NAME * 2), BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
    }

    /**
     * The text as a whole name with up to two typos, or null. A short name (up to {@link #WHOLE_NAME_FUZZY}
     * characters) is matched with two edits on the whole, which also finds a name typed without its
     * separators. A name of {@link #NAME_WORDS}+ words, the way a long technical name is pasted, matches
     * when all but two of its words are words of the name: two typos change at most two words, and this
     * costs a few term lookups where an edit-distance automaton for 60 characters took milliseconds to build.
     */
    private static Query wholeName(String text, List<String> tokens) {
        String whole = text.trim().toLowerCase(Locale.ROOT);
        if (tokens.size() >= NAME_WORDS) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String t : tokens) {
                b.add(term(Fields.NAME, t), BooleanClause.Occur.SHOULD);
            }
            return b.setMinimumNumberShouldMatch(tokens.size() - 2).build();
        }
        if (whole.length() >= 8 && whole.length() <= WHOLE_NAME_FUZZY) {
            return fuzzy(Fields.NAME_KEYWORD, whole, 2);
        }
        return null;
    }

    /** The autocomplete query: every word typed so far is the start of a word of the name. */
    Query suggest(String text) {
        List<String> tokens = Analyzers.tokens(analyzer, text == null ? "" : text);
        if (tokens.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : tokens) {
            Query q = t.length() <= Analyzers.MAX_PREFIX
                    ? term(Fields.NAME_PREFIX, t)
                    : new PrefixQuery(new Term(Fields.NAME, t));
            b.add(q, BooleanClause.Occur.MUST);
        }
        return b.build();
    }

    static int edits(String token) {
        return token.length() >= 8 ? 2 : token.length() >= 4 ? 1 : 0;
    }

    private static Query term(String field, String text) {
        return new TermQuery(new Term(field, text));
    }

    private static Query typo(String field, TypoQuery.Typos typos) {
        return new TypoQuery(field, typos, MAX_EXPANSIONS);
    }

    private static Query fuzzy(String field, String text, int edits) {
        return new FuzzyQuery(new Term(field, text), edits, 1, MAX_EXPANSIONS, true);
    }

    private static Query boost(Query q, float boost) {
        return new BoostQuery(q, boost);
    }
}
