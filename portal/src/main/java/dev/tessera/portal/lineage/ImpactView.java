package dev.tessera.portal.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who breaks if a port (or a whole product) changes: the products lineage's impact analysis reaches
 * ({@code GET /api/lineage/v1/impact}), nearest first, each with why it is affected, the path the
 * change takes, and its owners. Owners come from the registry (the team members with role owner)
 * where the user may read the affected product there, else from lineage (the team as lineage last
 * saw it).
 *
 * @param changed the node key whose change is analysed
 * @param productTotal affected products found, which may be more than {@code products} lists
 * @param partial lineage cut its search short; products beyond the cut are missing
 */
public record ImpactView(String changed, List<Affected> products, int productTotal, boolean partial, String reason) {

    /**
     * One affected product.
     *
     * @param name its name, when known
     * @param domain the domain's name (or id), when known
     * @param ownerGroup the group that owns the domain, when known
     * @param owners who to tell
     * @param ownersFromRegistry the owners are the registry's (role owner); otherwise lineage's team list
     * @param link why: served-by-port, input-port or access-grant
     * @param path the nodes the change travels through, from the changed node to this product
     */
    public record Affected(
            String productId,
            String name,
            String domain,
            String ownerGroup,
            List<String> owners,
            boolean ownersFromRegistry,
            String link,
            List<String> path) {

        /** Why this product is affected, in words. */
        public String why() {
            return switch (link == null ? "" : link) {
                case "input-port" -> "It reads the changed port through a declared input port.";
                case "access-grant" -> "It holds an active access grant on the changed port.";
                case "served-by-port" -> "A changed dataset serves one of its output ports.";
                default ->
                    link == null ? "It is downstream of the change." : "It is downstream of the change (" + link + ").";
            };
        }

        public String href() {
            return "/products/" + productId;
        }

        /** The product with the registry's owners and name put in place of lineage's. */
        Affected withRegistry(String registryName, List<String> registryOwners) {
            return new Affected(
                    productId,
                    registryName != null ? registryName : name,
                    domain,
                    ownerGroup,
                    registryOwners,
                    true,
                    link,
                    path);
        }
    }

    static ImpactView of(JsonNode impact) {
        List<Affected> products = new ArrayList<>();
        for (JsonNode p : impact.path("products")) {
            List<String> owners = new ArrayList<>();
            p.path("owners").forEach(o -> owners.add(o.asText()));
            List<String> path = new ArrayList<>();
            p.path("path").forEach(k -> path.add(shortKey(k.asText())));
            JsonNode domain = p.path("domain");
            products.add(new Affected(
                    p.path("productId").asText(),
                    p.path("name").isTextual() ? p.path("name").asText() : null,
                    domain.path("name").isTextual()
                            ? domain.path("name").asText()
                            : domain.path("id").asText(null),
                    domain.path("ownerGroup").asText(null),
                    List.copyOf(owners),
                    false,
                    p.path("link").asText(null),
                    List.copyOf(path)));
        }
        return new ImpactView(
                impact.path("root").path("key").asText(null),
                List.copyOf(products),
                impact.path("productTotal").asInt(products.size()),
                impact.path("partial").asBoolean(false),
                impact.path("reason").isTextual() ? impact.path("reason").asText() : null);
    }

    /** This view with the registry's owners and names for the products it found there. */
    ImpactView withRegistry(Map<String, Registered> registered) {
        List<Affected> merged = products.stream()
                .map(a -> registered.containsKey(a.productId())
                        ? a.withRegistry(
                                registered.get(a.productId()).name(),
                                registered.get(a.productId()).owners())
                        : a)
                .toList();
        return new ImpactView(changed, merged, productTotal, partial, reason);
    }

    /** A product's name and owners as the registry has them. */
    record Registered(String name, List<String> owners) {

        static Registered of(JsonNode product) {
            JsonNode d = product.path("descriptor");
            List<String> owners = new ArrayList<>();
            for (JsonNode m : d.path("team").path("members")) {
                if ("owner".equalsIgnoreCase(m.path("role").asText())) {
                    owners.add(m.path("username").asText(m.path("name").asText()));
                }
            }
            String name = d.path("name").isTextual()
                    ? d.path("name").asText()
                    : product.path("name").asText(null);
            return new Registered(name, List.copyOf(owners));
        }
    }

    /** Products affected beyond the ones listed. */
    public int unlisted() {
        return Math.max(0, productTotal - products.size());
    }

    public String partialNote() {
        if (!partial) {
            return null;
        }
        return "Lineage answered in part ("
                + ("TIME_BUDGET".equals(reason) ? "it stopped at its time budget" : "it stopped at its node limit")
                + "): the products listed are affected, and more may be.";
    }

    /** A node key as a path shows it: the id, with the dataset's name shortened to its last part. */
    static String shortKey(String key) {
        int colon = key.indexOf(':');
        String id = colon > 0 ? key.substring(colon + 1) : key;
        if (key.startsWith("DATASET:")) {
            int slash = id.lastIndexOf('/');
            return slash >= 0 && slash < id.length() - 1 ? id.substring(slash + 1) : id;
        }
        return id;
    }
}
