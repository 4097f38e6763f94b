package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Analyzers;
import dev.tessera.catalog.index.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Marks the words of a hit's name and description that the query's words matched, by the same rules the
 * query matches with: the same word, the same word with up to one (four letters or more) or two (eight or
 * more) edits keeping the first letter, and for the last word of a name also a word it starts. A hit's
 * name and description are short, so re-analysing them per hit costs microseconds; Lucene's
 * UnifiedHighlighter re-ran the whole query (typo automata included) against a one-document index per
 * hit and field, which was most of the time a search spent outside Lucene's own matching.
 */
final class Snippets {

    /** Longest description returned whole; longer ones are cut to their best sentences. */
    static final int WHOLE_DESCRIPTION = 300;

    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";
    private static final String ELLIPSIS = " … ";

    private static final Analyzer ANALYZER = Analyzers.technical();
    private final List<String> words;

    /** The words of a query text, analysed as the query analyses them. */
    Snippets(String text) {
        this.words = text == null ? List.of() : Analyzers.tokens(ANALYZER, text);
    }

    /** The name with its matching words marked, or null when none matched. */
    String name(String name) {
        if (name == null || words.isEmpty()) {
            return null;
        }
        List<int[]> marks = marks(name, true);
        return marks.isEmpty() ? null : mark(name, 0, name.length(), marks);
    }

    /** The description (or its two best sentences) with matching words marked, or null when none matched. */
    String description(String description) {
        if (description == null || words.isEmpty()) {
            return null;
        }
        List<int[]> marks = marks(description, false);
        if (marks.isEmpty()) {
            return null;
        }
        if (description.length() <= WHOLE_DESCRIPTION) {
            return mark(description, 0, description.length(), marks);
        }
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(description);
        List<int[]> passages = new ArrayList<>();
        for (int start = sentences.first(), end = sentences.next();
                end != BreakIterator.DONE;
                start = end, end = sentences.next()) {
            int from = start;
            int to = end;
            int hits =
                    (int) marks.stream().filter(m -> m[0] >= from && m[1] <= to).count();
            if (hits > 0) {
                passages.add(new int[] {from, to, hits});
            }
        }
        List<int[]> best = passages.stream()
                .sorted(Comparator.comparingInt((int[] p) -> p[2]).reversed())
                .limit(2)
                .sorted(Comparator.comparingInt((int[] p) -> p[0]))
                .toList();
        StringBuilder out = new StringBuilder();
        for (int[] p : best) {
            if (!out.isEmpty()) {
                out.append(ELLIPSIS);
            }
            out.append(mark(description, p[0], p[1], marks).strip());
        }
        return out.toString();
    }

    private List<int[]> marks(String text, boolean name) {
        List<int[]> marks = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(Fields.NAME, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (matches(term.toString(), name)) {
                    marks.add(new int[] {offset.startOffset(), offset.endOffset()});
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return marks;
    }

    private boolean matches(String token, boolean name) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (token.equals(word)) {
                return true;
            }
            int edits = TextQueries.edits(word);
            if (edits > 0
                    && token.charAt(0) == word.charAt(0)
                    && Math.abs(token.length() - word.length()) <= edits
                    && distance(token, word, edits) <= edits) {
                return true;
            }
            if (name && i == words.size() - 1 && token.startsWith(word)) {
                return true;
            }
        }
        return false;
    }

    /** Optimal-string-alignment distance (edits and adjacent transpositions), giving up above {@code max}. */
    static int distance(String a, String b, int max) {
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = before;
            before = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static String mark(String text, int from, int to, List<int[]> marks) {
        StringBuilder out = new StringBuilder(to - from + 16);
        int at = from;
        for (int[] m : marks) {
            if (m[0] < from || m[1] > to) {
                continue;
            }
            escape(text, at, m[0], out);
            out.append(OPEN);
            escape(text, m[0], m[1], out);
            out.append(CLOSE);
            at = m[1];
        }
        escape(text, at, to, out);
        return out.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                case '/' -> out.append("&#x2F;");
                default -> out.append(c);
            }
        }
    }
}
