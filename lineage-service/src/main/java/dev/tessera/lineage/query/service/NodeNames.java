package dev.tessera.lineage.query.service;

import dev.tessera.lineage.graph.GraphIndex;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.NodeRepository;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which node a query means. A dataset answers to every name it was reported by: its node's own and
 * each symlink recorded for it (people ask for the warehouse or catalog name, tools report the
 * storage one). A name that leads nowhere is a 404 suggesting the known names nearest to it.
 */
@ApplicationScoped
class NodeNames {

    /** Suggestions a 404 carries, at most. */
    static final int SUGGESTIONS = 5;

    /** Candidate names read per table to rank; a miss never reads more. */
    private static final int CANDIDATES = 500;

    /** Leading characters of a name's last part that a candidate must contain when not in its scope. */
    private static final int FRAGMENT = 4;

    @Inject
    GraphIndex index;

    @Inject
    NodeRepository nodes;

    /** The index id of the node a normalised key ({@code TYPE:id}) names, by its key or one of its names. */
    int idOf(NodeType type, String key) {
        int id = index.idOf(key);
        if (id >= 0) {
            return id;
        }
        if (key.indexOf('\0') >= 0) {
            // PostgreSQL cannot hold such text, so no name of it is stored: nothing to look up.
            throw ApiException.notFound("No lineage node " + key + ".");
        }
        if (type != NodeType.DATASET) {
            return notFound(type, key);
        }
        List<Integer> aliased =
                nodes.nodesOfAliases(List.of(key.substring(type.name().length() + 1)));
        if (!aliased.isEmpty() && index.keyOf(aliased.getFirst()) != null) {
            return aliased.getFirst();
        }
        return notFound(type, key);
    }

    private int notFound(NodeType type, String key) {
        List<String> suggestions = suggestions(type, key);
        String detail = "No lineage node " + key + "."
                + (suggestions.isEmpty() ? "" : " Did you mean " + String.join(", ", suggestions) + "?");
        throw new ApiException(ProblemType.NOT_FOUND, detail, List.of(), Map.of("suggestions", suggestions));
    }

    /**
     * Known keys nearest to {@code key} by edit distance: candidates in its scope (the id up to its
     * last {@code /}, a dataset's namespace) or containing the start of its last part, ranked in
     * memory; none further than half the key's id.
     */
    List<String> suggestions(NodeType type, String key) {
        String id = key.substring(type.name().length() + 1);
        int slash = id.lastIndexOf('/');
        String scope = slash < 0 ? "" : id.substring(0, slash + 1);
        String last = id.substring(slash + 1);
        String fragment = last.substring(0, Math.min(FRAGMENT, last.length()));
        Set<String> candidates = new LinkedHashSet<>(nodes.keysLike(type, scope, fragment, CANDIDATES));
        int furthest = Math.max(2, id.length() / 2);
        record Ranked(String key, int distance) {}
        return candidates.stream()
                .map(candidate -> new Ranked(candidate, levenshtein(key, candidate, furthest)))
                .filter(r -> r.distance() <= furthest)
                .sorted(Comparator.comparingInt(Ranked::distance).thenComparing(Ranked::key))
                .limit(SUGGESTIONS)
                .map(Ranked::key)
                .toList();
    }

    /** Edit distance, or {@code bound + 1} as soon as it is known to exceed {@code bound}. */
    static int levenshtein(String a, String b, int bound) {
        if (Math.abs(a.length() - b.length()) > bound) {
            return bound + 1;
        }
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
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > bound) {
                return bound + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
