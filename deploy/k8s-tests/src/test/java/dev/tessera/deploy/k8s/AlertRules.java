package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The PrometheusRule alerts, and whether the Tessera metrics they watch exist in the code. */
final class AlertRules {

    private static final Pattern TESSERA_METRIC = Pattern.compile("\\btessera_[a-z0-9_]+\\b");

    /**
     * Metrics a module that is not in this repository yet has promised to register; once the module
     * is here, its code must register them like any other.
     */
    static final Map<String, String> PROMISED = Map.of(
            "tessera_catalog_drift", "catalog-service",
            "tessera_catalog_webhooks_dead_total", "catalog-service");

    private AlertRules() {}

    /** Alert name to expression, from every PrometheusRule. */
    static Map<String, String> alerts(List<HasMetadata> objects) {
        Map<String, String> alerts = new TreeMap<>();
        for (var rule : ManifestPolicies.custom(objects, "PrometheusRule")) {
            for (JsonNode group : ManifestPolicies.tree(rule).path("spec").path("groups")) {
                for (JsonNode alert : group.path("rules")) {
                    alerts.put(alert.path("alert").asText(), alert.path("expr").asText());
                }
            }
        }
        return alerts;
    }

    /** The tessera_* metrics the alerts use that no code registers (and no absent module promised). */
    static List<String> unknownMetrics(List<HasMetadata> objects, Path repositoryRoot) {
        Set<String> used = new TreeSet<>();
        alerts(objects).values().forEach(expr -> {
            Matcher matcher = TESSERA_METRIC.matcher(expr);
            while (matcher.find()) {
                used.add(matcher.group());
            }
        });
        String code = mainSources(repositoryRoot);
        List<String> unknown = new ArrayList<>();
        for (String metric : used) {
            String base = metric.replaceFirst("_(total|count|sum|bucket|max|seconds)$", "");
            boolean registered = code.contains('"' + base.replace('_', '.') + '"') || code.contains('"' + base + '"');
            String owner = PROMISED.get(metric);
            boolean promised = owner != null
                    && !Files.isRegularFile(repositoryRoot.resolve(owner).resolve("pom.xml"));
            if (!registered && !promised) {
                unknown.add(metric);
            }
        }
        return unknown;
    }

    private static String mainSources(Path repositoryRoot) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(repositoryRoot)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> {
                        try {
                            all.append(Files.readString(p)).append('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
