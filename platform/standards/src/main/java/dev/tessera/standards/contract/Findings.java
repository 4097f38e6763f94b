package dev.tessera.standards.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects findings while the comparison walks both descriptors, and hands them out in a stable order. */
final class Findings {

    private static final Comparator<Finding> ORDER =
            Comparator.comparing(Finding::path).thenComparing(Finding::rule).thenComparing(Finding::message);

    private final List<Finding> found = new ArrayList<>();

    void breaking(String rule, String path, String message) {
        found.add(new Finding(Severity.BREAKING, rule, path, message));
    }

    void nonBreaking(String rule, String path, String message) {
        found.add(new Finding(Severity.NON_BREAKING, rule, path, message));
    }

    List<Finding> sorted() {
        return found.stream().sorted(ORDER).toList();
    }
}
