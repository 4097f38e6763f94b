package dev.tessera.portal.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Products that fail policies, worst score first, and the same failures turned around: per policy, the
 * products failing it. Read from the catalog (search hits for the scores, each product's page for its
 * failing policies), so it shows exactly the products the user may see.
 *
 * @param products the products read, lowest score first; only those failing at least one policy
 * @param policies per failing policy, the products failing it, the most widely failed first
 * @param bands how many products the user may see in each score band, from the search's facet
 * @param unread products whose page could not be read (their failures are not counted)
 */
public record FailingProducts(List<Product> products, List<Policy> policies, List<Band> bands, List<String> unread) {

    /** A product and the policies it fails. */
    public record Product(
            String id,
            String name,
            String domain,
            String status,
            String rating,
            String score,
            List<Failure> failures) {}

    /** One policy a product fails, with the message and remediation governance gave. */
    public record Failure(String name, String severity, String outcome, String message, String remediation) {}

    /** A policy and the products (ids) failing it. */
    public record Policy(String name, String severity, List<String> products) {}

    /** A score band and how many products are in it. */
    public record Band(String band, int count) {}

    /** A search hit: what the catalog says about a product's score. */
    record Hit(String id, String name, String domain, String status, String rating, Double score) {

        static Hit of(JsonNode item) {
            return new Hit(
                    item.path("id").asText(),
                    item.path("name").asText(item.path("id").asText()),
                    item.path("domain").asText(null),
                    item.path("status").asText(null),
                    item.path("complianceRating").asText(null),
                    item.path("complianceScore").isNumber()
                            ? item.path("complianceScore").asDouble()
                            : null);
        }
    }

    /**
     * Puts the hits and their latest evaluations together: a policy fails a product when its outcome is
     * FAIL or ERROR (an expression that cannot be decided is not a pass).
     *
     * @param evaluations each hit's latest evaluation from governance by id; a hit without one is listed as
     *     unread
     */
    static FailingProducts of(List<Hit> hits, Map<String, JsonNode> evaluations, List<Band> bands) {
        List<Product> products = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        Map<String, Policy> byPolicy = new LinkedHashMap<>();
        List<Hit> worstFirst = new ArrayList<>(hits);
        worstFirst.sort(Comparator.comparingDouble(h -> h.score() == null ? Double.MAX_VALUE : h.score()));
        for (Hit hit : worstFirst) {
            JsonNode evaluation = evaluations.get(hit.id());
            if (evaluation == null) {
                unread.add(hit.id());
                continue;
            }
            List<Failure> failures = new ArrayList<>();
            for (JsonNode f : evaluation.path("outcomes")) {
                String outcome = f.path("outcome").asText();
                if (!outcome.equals("FAIL") && !outcome.equals("ERROR")) {
                    continue;
                }
                Failure failure = new Failure(
                        f.path("name").asText(f.path("policyId").asText("policy")),
                        f.path("severity").asText(null),
                        outcome,
                        f.path("message").asText(null),
                        f.path("remediation").asText(null));
                failures.add(failure);
                byPolicy.computeIfAbsent(failure.name(), n -> new Policy(n, failure.severity(), new ArrayList<>()))
                        .products()
                        .add(hit.id());
            }
            if (!failures.isEmpty()) {
                products.add(new Product(
                        hit.id(),
                        hit.name(),
                        hit.domain(),
                        hit.status(),
                        hit.rating(),
                        hit.score() == null ? null : String.valueOf(Math.round(hit.score())),
                        failures));
            }
        }
        List<Policy> policies = new ArrayList<>(byPolicy.values());
        policies.sort(Comparator.comparingInt((Policy p) -> p.products().size())
                .reversed()
                .thenComparing(Policy::name));
        return new FailingProducts(products, policies, bands, unread);
    }

    /** The score band facet's counts, bands in order A to E. */
    static List<Band> bands(JsonNode search) {
        List<Band> bands = new ArrayList<>();
        for (JsonNode v : search.path("facets").path("rating")) {
            bands.add(new Band(v.path("value").asText(), v.path("count").asInt()));
        }
        bands.sort(Comparator.comparing(Band::band));
        return bands;
    }
}
