package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.problem.RequestLimitsFilter;
import dev.tessera.registry.product.config.ApplyConfig;
import dev.tessera.registry.product.repository.ProductStore;
import dev.tessera.standards.input.BoundedInputException;
import dev.tessera.standards.input.BoundedTreeReader;
import dev.tessera.standards.text.UserText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Many products applied in one call: {@code {"items":[{"id":..,"descriptor":"<YAML or JSON text>"}]}}. Each item is
 * read and checked as a PUT of its descriptor would be (the same size limit, validation and authorization), then all
 * that pass are planned and written together by {@link ApplyWriter} in one transaction, set-based. Each item is
 * decided on its own: a refused one is reported with its problem and takes no other down.
 *
 * <p>A product may appear once per call; a later item naming it again is refused. The whole call is refused only when
 * the envelope itself cannot be read, or holds more than {@link ApplyConfig#maxBulkItems()} items.
 */
@ApplicationScoped
public class BulkApply {

    private static final Logger LOG = Logger.getLogger(BulkApply.class);

    /** The envelope: an object, its {@code items} array, each item an object of strings. */
    private static final BoundedTreeReader ENVELOPE = new BoundedTreeReader(new BoundedTreeReader.Limits(
            (int) RequestLimitsFilter.MAX_BULK_BODY_BYTES, (int) RequestLimitsFilter.MAX_BULK_BODY_BYTES, 4));

    @Inject
    DescriptorChecks checks;

    @Inject
    DescriptorInput input;

    @Inject
    ProductApply applies;

    @Inject
    ApplyWriter writer;

    @Inject
    ApplyConfig config;

    /**
     * What became of one item.
     *
     * @param id the product id the item names; null when it names none
     * @param outcome what was done (or would be, in a dry run); null when refused
     * @param refusal why the item was refused; null otherwise
     */
    public record Item(String id, ApplyOutcome outcome, ApiException refusal) {}

    /**
     * What a bulk apply did.
     *
     * @param dryRun true when nothing was written
     * @param items one per item sent, in the same order
     */
    public record Outcome(boolean dryRun, List<Item> items) {}

    /**
     * Reads the envelope and applies every item; with {@code dryRun}, decides each and writes nothing.
     *
     * @throws ApiException 400 when the body is not an object with an {@code items} array, 413 when it holds more
     *     than {@link ApplyConfig#maxBulkItems()} items
     */
    public Outcome apply(byte[] body, boolean dryRun) {
        List<JsonNode> items = items(body);
        Item[] results = new Item[items.size()];
        List<ApplyWriter.Pending> pending = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String id = item.path("id").textValue();
            try {
                ApplyWriter.Pending write = check(i, item, seen);
                pending.add(write);
                positions.add(i);
            } catch (ApiException refusal) {
                results[i] = new Item(id, null, refusal);
            }
        }
        List<ApplyWriter.Decided> decided = dryRun ? writer.check(pending) : write(pending);
        for (int p = 0; p < positions.size(); p++) {
            ApplyWriter.Decided d = decided.get(p);
            results[positions.get(p)] = new Item(pending.get(p).productId(), d.outcome(), d.refusal());
        }
        return new Outcome(dryRun, Arrays.asList(results));
    }

    private List<JsonNode> items(byte[] body) {
        JsonNode root;
        try {
            root = ENVELOPE.read(body == null ? new byte[0] : body, false);
        } catch (BoundedInputException e) {
            if (e.limit() == BoundedInputException.Limit.MAX_BYTES) {
                throw new ApiException(
                        ProblemType.PAYLOAD_TOO_LARGE,
                        e.getMessage() + " Send the items in several calls.",
                        List.of(),
                        Map.of("limitBytes", RequestLimitsFilter.MAX_BULK_BODY_BYTES));
            }
            throw new ApiException(ProblemType.MALFORMED, e.getMessage());
        }
        JsonNode items = root == null ? null : root.get("items");
        if (items == null || !items.isArray()) {
            throw ApiException.invalidField(
                    "/items", "send {\"items\":[{\"id\":\"<product id>\",\"descriptor\":\"<YAML or JSON text>\"}]}");
        }
        if (items.size() > config.maxBulkItems()) {
            throw new ApiException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The call holds " + items.size() + " items; the limit is " + config.maxBulkItems()
                            + ". Send the items in several calls.",
                    List.of(),
                    Map.of("limit", "maxItems", "limitValue", config.maxBulkItems()));
        }
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        return list;
    }

    /** Reads and checks item {@code i} as a PUT of its descriptor would be; its problem when it is refused. */
    private ApplyWriter.Pending check(int i, JsonNode item, Map<String, Integer> seen) {
        String at = "/items/" + i;
        if (!item.isObject()) {
            throw ApiException.invalidField(at, "each item is an object: {\"id\":..,\"descriptor\":..}");
        }
        JsonNode id = item.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ApiException.invalidField(at + "/id", "name the product: its id, as in PUT /products/{id}");
        }
        Integer first = seen.putIfAbsent(id.asText(), i);
        if (first != null) {
            throw ApiException.invalidField(
                    at + "/id",
                    "product " + UserText.quote(id.asText()) + " is item " + first
                            + " already; send each product once per call");
        }
        JsonNode descriptor = item.get("descriptor");
        if (descriptor == null || !descriptor.isTextual()) {
            throw ApiException.invalidField(
                    at + "/descriptor", "send the descriptor as text: ODPS in YAML or JSON, or a bundle in YAML");
        }
        byte[] text = descriptor.asText().getBytes(StandardCharsets.UTF_8);
        return applies.pending(checks.check(id.asText(), input.submission(text, null)), null);
    }

    /**
     * Writes every checked item in one transaction. When it fails (a product someone else created meanwhile), each
     * item is written alone, so the failure stays with the item that met it.
     */
    private List<ApplyWriter.Decided> write(List<ApplyWriter.Pending> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        try {
            return writer.write(pending);
        } catch (RuntimeException together) {
            LOG.infof("A bulk apply of %d products failed (%s); writing them one by one", pending.size(), together);
            List<ApplyWriter.Decided> decided = new ArrayList<>(pending.size());
            for (ApplyWriter.Pending one : pending) {
                decided.add(alone(one));
            }
            return decided;
        }
    }

    private ApplyWriter.Decided alone(ApplyWriter.Pending write) {
        try {
            return writer.write(List.of(write)).getFirst();
        } catch (RuntimeException failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProductStore.ConcurrentWriteException) {
                    return ApplyWriter.Decided.refused(ApiException.conflict("Product '" + write.productId()
                            + "' was written by someone else at the same time; read it again and reapply."));
                }
            }
            throw failure;
        }
    }
}
