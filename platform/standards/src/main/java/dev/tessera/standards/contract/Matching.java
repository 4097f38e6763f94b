package dev.tessera.standards.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.contract.Json.Indexed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Pairs the elements of a published array with those of a draft array by a key (usually a name), so that
 * reordering an array is never reported as a change.
 *
 * <p>Elements without a key are matched by their index. Keys that occur more than once (ODPS allows two output
 * ports with the same name but different versions) are paired first by an optional discriminator, then in order of
 * appearance (elements with an unmatched discriminator are reported as removed or added, not paired); their labels
 * get an {@code @discriminator} or, without one, a {@code #n} suffix, so that paths stay unique.
 */
final class Matching {

    /** One pairing; {@code before} is null for an added element, {@code after} for a removed one. */
    record Match(String label, JsonNode before, JsonNode after) {}

    private Matching() {}

    static List<Match> match(List<Indexed> before, List<Indexed> after, Function<JsonNode, String> keyOf) {
        return match(before, after, keyOf, node -> null);
    }

    static List<Match> match(
            List<Indexed> before,
            List<Indexed> after,
            Function<JsonNode, String> keyOf,
            Function<JsonNode, String> discriminatorOf) {
        Map<String, List<JsonNode>> beforeByKey = group(before, keyOf);
        Map<String, List<JsonNode>> afterByKey = group(after, keyOf);
        Set<String> keys = new LinkedHashSet<>(beforeByKey.keySet());
        keys.addAll(afterByKey.keySet());

        List<Match> matches = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String key : keys) {
            List<JsonNode> olds = beforeByKey.getOrDefault(key, List.of());
            List<JsonNode> news = afterByKey.getOrDefault(key, List.of());
            if (olds.size() <= 1 && news.size() <= 1) {
                labels.add(key);
                matches.add(new Match(key, first(olds), first(news)));
            } else {
                matchDuplicates(key, olds, news, discriminatorOf, labels, matches);
            }
        }
        return matches;
    }

    private static void matchDuplicates(
            String key,
            List<JsonNode> olds,
            List<JsonNode> news,
            Function<JsonNode, String> discriminatorOf,
            Set<String> labels,
            List<Match> matches) {
        List<JsonNode> unmatchedOld = new ArrayList<>();
        List<JsonNode> unmatchedNew = new ArrayList<>(news);
        for (JsonNode old : olds) {
            String discriminator = discriminatorOf.apply(old);
            JsonNode partner = discriminator == null
                    ? null
                    : unmatchedNew.stream()
                            .filter(candidate -> Objects.equals(discriminator, discriminatorOf.apply(candidate)))
                            .findFirst()
                            .orElse(null);
            if (partner == null) {
                unmatchedOld.add(old);
            } else {
                unmatchedNew.remove(partner);
                matches.add(new Match(unique(key + "@" + discriminator, labels), old, partner));
            }
        }
        // An element with a discriminator that found no partner is a genuine removal or addition (ports with the
        // same name and different versions run side by side); only elements without one are paired by position.
        List<JsonNode> positionalOld = new ArrayList<>();
        List<JsonNode> positionalNew = new ArrayList<>();
        for (JsonNode old : unmatchedOld) {
            addUnpairedOrKeep(key, old, null, discriminatorOf, positionalOld, labels, matches);
        }
        for (JsonNode fresh : unmatchedNew) {
            addUnpairedOrKeep(key, null, fresh, discriminatorOf, positionalNew, labels, matches);
        }
        int leftovers = Math.max(positionalOld.size(), positionalNew.size());
        for (int i = 0; i < leftovers; i++) {
            JsonNode old = i < positionalOld.size() ? positionalOld.get(i) : null;
            JsonNode fresh = i < positionalNew.size() ? positionalNew.get(i) : null;
            matches.add(new Match(unique(key + "#" + (i + 1), labels), old, fresh));
        }
    }

    private static void addUnpairedOrKeep(
            String key,
            JsonNode old,
            JsonNode fresh,
            Function<JsonNode, String> discriminatorOf,
            List<JsonNode> positional,
            Set<String> labels,
            List<Match> matches) {
        JsonNode node = old != null ? old : fresh;
        String discriminator = discriminatorOf.apply(node);
        if (discriminator == null) {
            positional.add(node);
        } else {
            matches.add(new Match(unique(key + "@" + discriminator, labels), old, fresh));
        }
    }

    private static Map<String, List<JsonNode>> group(List<Indexed> elements, Function<JsonNode, String> keyOf) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (Indexed element : elements) {
            String key = keyOf.apply(element.node());
            groups.computeIfAbsent(key == null ? String.valueOf(element.index()) : key, k -> new ArrayList<>())
                    .add(element.node());
        }
        return groups;
    }

    private static String unique(String label, Set<String> labels) {
        String candidate = label;
        for (int n = 2; !labels.add(candidate); n++) {
            candidate = label + "#" + n;
        }
        return candidate;
    }

    private static JsonNode first(List<JsonNode> nodes) {
        return nodes.isEmpty() ? null : nodes.getFirst();
    }
}
