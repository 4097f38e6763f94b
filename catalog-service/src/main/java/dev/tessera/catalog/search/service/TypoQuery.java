package dev.tessera.catalog.search.service;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostAttribute;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * The words of one field within a few edits of a typed word, keeping its first letter, each scored by how
 * close it is (like Lucene's FuzzyQuery: the best {@code maxExpansions} terms, boosted by
 * {@code 1 - edits / shorter length}). Unlike FuzzyQuery it takes its edit-distance automata from a
 * {@link Typos} built once per word, so a word looked for in four fields builds them once instead of four
 * times: building them was most of a short query's time outside matching, and most of what it allocated.
 */
final class TypoQuery extends MultiTermQuery {

    /** The edit-distance automata of one word: index {@code k} accepts the words within {@code k} edits. */
    static final class Typos {
        private final String word;
        private final int wordLength;
        private final CompiledAutomaton[] within;

        Typos(String word, int maxEdits) {
            this.word = word;
            int[] codePoints = word.codePoints().toArray();
            this.wordLength = codePoints.length;
            // The first letter is kept (prefix length 1); adjacent transpositions count as one edit.
            String prefix = new String(codePoints, 0, 1);
            int[] rest = java.util.Arrays.copyOfRange(codePoints, 1, codePoints.length);
            LevenshteinAutomata builder = new LevenshteinAutomata(rest, Character.MAX_CODE_POINT, true);
            this.within = new CompiledAutomaton[maxEdits + 1];
            for (int k = 0; k <= maxEdits; k++) {
                within[k] = new CompiledAutomaton(builder.toAutomaton(k, prefix), true, false);
            }
        }

        int maxEdits() {
            return within.length - 1;
        }

        /** Fewest edits from the word to a term the widest automaton accepted. */
        int edits(BytesRef term) {
            for (int k = 0; k < within.length - 1; k++) {
                if (within[k].runAutomaton.run(term.bytes, term.offset, term.length)) {
                    return k;
                }
            }
            return within.length - 1;
        }
    }

    private final Typos typos;

    TypoQuery(String field, Typos typos, int maxExpansions) {
        super(field, new TopTermsBlendedFreqScoringRewrite(maxExpansions));
        this.typos = typos;
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
        TermsEnum candidates = typos.within[typos.maxEdits()].getTermsEnum(terms);
        return new Scored(candidates, typos);
    }

    /** Every term the widest automaton accepts, with its closeness as the boost the rewrite ranks by. */
    private static final class Scored extends FilteredTermsEnum {
        private final Typos typos;
        private final BoostAttribute boost;

        Scored(TermsEnum candidates, Typos typos) {
            super(candidates, false);
            this.typos = typos;
            this.boost = attributes().addAttribute(BoostAttribute.class);
        }

        @Override
        protected AcceptStatus accept(BytesRef term) {
            int edits = typos.edits(term);
            if (edits == 0) {
                boost.setBoost(1f);
            } else {
                int shorter = Math.min(UnicodeUtil.codePointCount(term), typos.wordLength);
                boost.setBoost(1f - (float) edits / shorter);
            }
            return AcceptStatus.YES;
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            typos.within[typos.maxEdits()].visit(visitor, this, field);
        }
    }

    @Override
    public String toString(String f) {
        return (field.equals(f) ? "" : field + ":") + typos.word + "~" + typos.maxEdits();
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other)
                && field.equals(((TypoQuery) other).field)
                && typos.word.equals(((TypoQuery) other).typos.word)
                && typos.maxEdits() == ((TypoQuery) other).typos.maxEdits();
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), field, typos.word, typos.maxEdits());
    }
}
