package dev.tessera.catalog.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.quality.service.QualitySummary;
import dev.tessera.catalog.usage.service.ProductUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a product's read-model state into the documents search runs over. A product gets an
 * {@code internal} view of its head version (drafts included) for callers allowed to see unpublished work,
 * and a {@code public} view of its latest published version once there is one: a consumer never finds a
 * draft's words, not even through a facet count.
 *
 * <p>The state JSON is {@code {productId, domainId, sequence, state: ProductStateV1, governance: {...},
 * quality: QualitySummary, usage, attention}} (see {@code UsageSummary} for the last two). Every view has one
 * {@code quality} facet value: {@code unknown} until governance has decided a status.
 */
public final class ProductDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProductDocuments() {}

    /** The view documents of a product state; empty while only governance has spoken about it. */
    public static List<Document> views(JsonNode source) {
        JsonNode state = source.path("state");
        if (!state.isObject()) {
            return List.of();
        }
        List<Document> views = new ArrayList<>(2);
        views.add(view(source, state, Fields.VIEW_INTERNAL, state.path("descriptor"), text(state, "headVersion")));
        String published = text(state, "latestPublishedVersion");
        if (published != null && state.path("publishedDescriptor").isObject()) {
            views.add(view(source, state, Fields.VIEW_PUBLIC, state.path("publishedDescriptor"), published));
        }
        return views;
    }

    /** How many view documents {@link #views} makes of a product state, without making them. */
    public static int viewCount(JsonNode source) {
        JsonNode state = source.path("state");
        if (!state.isObject()) {
            return 0;
        }
        return text(state, "latestPublishedVersion") != null
                        && state.path("publishedDescriptor").isObject()
                ? 2
                : 1;
    }

    /** What a view shows, extracted once from a descriptor. */
    public record Summary(
            String id,
            String name,
            String domain,
            String version,
            String status,
            String description,
            List<String> tags,
            List<String> owners,
            List<String> members,
            List<JsonNode> ports,
            List<String> portTypes,
            List<String> schemaText,
            boolean containsPii,
            Instant updatedAt) {}

    /** Extracts a summary of one version of a product. */
    public static Summary summary(JsonNode state, JsonNode descriptor, String version) {
        String id = text(state, "productId");
        String name = firstNonBlank(text(descriptor, "name"), text(state, "name"), id);
        String status = statusOf(state, version);
        String description = description(descriptor.path("description"));
        List<String> tags = strings(descriptor.path("tags"));
        Set<String> owners = new LinkedHashSet<>();
        Set<String> members = new LinkedHashSet<>();
        JsonNode team = descriptor.path("team");
        if (text(team, "name") != null) {
            members.add(text(team, "name"));
        }
        for (JsonNode m : team.path("members")) {
            String user = text(m, "username");
            if (user == null) {
                continue;
            }
            members.add(user);
            if ("owner".equalsIgnoreCase(text(m, "role"))) {
                owners.add(user);
            }
        }
        List<JsonNode> ports = new ArrayList<>();
        Set<String> portTypes = new LinkedHashSet<>();
        List<String> schemaText = new ArrayList<>();
        boolean[] pii = {false};
        for (JsonNode port : descriptor.path("outputPorts")) {
            ObjectNode p = JSON.createObjectNode();
            p.put("name", text(port, "name"));
            p.put("version", text(port, "version"));
            String type = text(port, "type");
            p.put("type", type);
            p.put("description", description(port.path("description")));
            if (type != null) {
                portTypes.add(type.toLowerCase(Locale.ROOT));
            }
            int[] properties = {0};
            for (JsonNode object : port.path("contract").path("schema")) {
                addText(schemaText, text(object, "name"), description(object.path("description")));
                collectProperties(object.path("properties"), schemaText, properties, pii);
            }
            p.put("properties", properties[0]);
            ports.add(p);
        }
        Instant updated = parseInstant(text(state, "updatedAt"));
        return new Summary(
                id,
                name,
                text(state, "domainId"),
                version,
                status,
                description,
                tags,
                List.copyOf(owners),
                List.copyOf(members),
                ports,
                List.copyOf(portTypes),
                schemaText,
                pii[0],
                updated);
    }

    private static Document view(JsonNode source, JsonNode state, String view, JsonNode descriptor, String version) {
        Summary s = summary(state, descriptor, version);
        JsonNode governance = source.path("governance");
        Double score =
                governance.path("score").isNumber() ? governance.path("score").asDouble() : null;
        String rating = text(governance, "rating");
        String quality = QualitySummary.statusOf(source.get("quality")).apiValue();
        ProductUsage usage = ProductUsage.of(source);
        IndexedProduct product = new IndexedProduct(s, score, rating, quality, usage);

        Document doc = new Document();
        doc.add(new StringField(Fields.VIEW, view, Field.Store.NO));
        doc.add(new StringField(Fields.PRODUCT_ID, s.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.ID_SORT, new BytesRef(s.id())));

        doc.add(new TextField(Fields.NAME, s.name(), Field.Store.YES));
        doc.add(new TextField(Fields.NAME_PREFIX, s.name(), Field.Store.NO));
        doc.add(new StringField(Fields.NAME_KEYWORD, s.name().toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new TextField(Fields.DESCRIPTION, s.description(), Field.Store.YES));
        doc.add(new TextField(Fields.TAGS_TEXT, String.join(" ", s.tags()), Field.Store.NO));
        doc.add(new TextField(Fields.DOMAIN_TEXT, nullToEmpty(s.domain()), Field.Store.NO));
        doc.add(new TextField(Fields.OWNERS_TEXT, String.join(" ", s.members()), Field.Store.NO));
        List<String> portText = new ArrayList<>();
        for (JsonNode p : s.ports()) {
            addText(portText, text(p, "name"), text(p, "description"));
        }
        doc.add(new TextField(Fields.PORTS_TEXT, String.join(" ", portText), Field.Store.NO));
        doc.add(new TextField(Fields.SCHEMA_TEXT, String.join(" ", s.schemaText()), Field.Store.NO));

        doc.add(new SortedDocValuesField(Fields.NAME_SORT, new BytesRef(s.name().toLowerCase(Locale.ROOT))));
        doc.add(new NumericDocValuesField(
                Fields.UPDATED, s.updatedAt() == null ? 0 : s.updatedAt().toEpochMilli()));
        doc.add(new DoubleDocValuesField(Fields.COMPLIANCE, score == null ? -1 : score));
        doc.add(new NumericDocValuesField(Fields.CONSUMERS, usage.consumers()));
        doc.add(new NumericDocValuesField(Fields.READS, usage.readsLast30Days()));
        doc.add(new DoubleDocValuesField(Fields.POPULARITY, usage.popularity()));

        for (Facet facet : Facets.ALL) {
            facet.index(doc, product);
        }

        ObjectNode hit = JSON.createObjectNode();
        hit.put("id", s.id());
        hit.put("name", s.name());
        hit.put("domain", s.domain());
        hit.put("version", s.version());
        hit.put("status", s.status());
        hit.put("description", s.description());
        ArrayNode tags = hit.putArray("tags");
        s.tags().forEach(tags::add);
        ArrayNode owners = hit.putArray("owners");
        s.owners().forEach(owners::add);
        ArrayNode types = hit.putArray("portTypes");
        s.portTypes().forEach(types::add);
        hit.put("containsPii", s.containsPii());
        if (score != null) {
            hit.put("complianceScore", score);
        }
        hit.put("complianceRating", rating);
        hit.put("quality", quality);
        hit.set("usage", usage.hit());
        hit.put("updatedAt", s.updatedAt() == null ? null : s.updatedAt().toString());
        hit.put("sequence", source.path("sequence").asLong());
        doc.add(new StoredField(Fields.HIT, hit.toString()));
        return doc;
    }

    private static void collectProperties(JsonNode properties, List<String> out, int[] count, boolean[] pii) {
        for (JsonNode property : properties) {
            count[0]++;
            addText(out, text(property, "name"), description(property.path("description")));
            addText(out, text(property, "businessName"), null);
            for (String tag : strings(property.path("tags"))) {
                if (tag.equalsIgnoreCase("pii")) {
                    pii[0] = true;
                }
            }
            for (JsonNode custom : property.path("customProperties")) {
                if ("pii".equalsIgnoreCase(text(custom, "property"))
                        && custom.path("value").asText().equalsIgnoreCase("true")) {
                    pii[0] = true;
                }
            }
            collectProperties(property.path("properties"), out, count, pii);
            collectProperties(property.path("items").path("properties"), out, count, pii);
        }
    }

    /** The lifecycle status of a version, from the state's version list. */
    public static String statusOf(JsonNode state, String version) {
        for (JsonNode v : state.path("versions")) {
            if (version != null && version.equals(text(v, "version"))) {
                return text(v, "status");
            }
        }
        return null;
    }

    /** ODPS descriptions are objects (purpose, usage, limitations); some producers send a plain string. */
    static String description(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        List<String> parts = new ArrayList<>();
        for (String field : List.of("purpose", "usage", "limitations")) {
            String value = text(node, field);
            if (value != null) {
                parts.add(value);
            }
        }
        return String.join(" ", parts);
    }

    private static void addText(List<String> out, String a, String b) {
        if (a != null && !a.isBlank()) {
            out.add(a);
        }
        if (b != null && !b.isBlank()) {
            out.add(b);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isTextual() && !n.asText().isBlank()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
