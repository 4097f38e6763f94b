package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.standards.descriptor.DescriptorParseException;
import dev.tessera.standards.descriptor.DescriptorParser;
import dev.tessera.standards.descriptor.DescriptorTooLargeException;
import dev.tessera.standards.descriptor.TooManyDocumentsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Reads request bodies as JSON or YAML trees, turning parse failures into problems that point at the spot. */
@ApplicationScoped
public class DescriptorInput {

    /** Media type of a bundle: a YAML stream of one ODPS product followed by the ODCS contracts its ports name. */
    public static final String BUNDLE_YAML = "application/x-tessera-bundle+yaml";

    @Inject
    DescriptorParser parser;

    public JsonNode read(byte[] body, String contentType) {
        return guarded(() ->
                parser.parse(body == null ? new byte[0] : body, DescriptorParser.looksLikeYaml(contentType, body)));
    }

    /**
     * A descriptor, or a bundle: a YAML body with several documents ({@code ---}), or any body sent as
     * {@link #BUNDLE_YAML}. A single YAML document of another media type reads exactly as {@link #read} reads it.
     */
    public Submission submission(byte[] body, String contentType) {
        byte[] bytes = body == null ? new byte[0] : body;
        boolean bundleType = contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(BUNDLE_YAML);
        if (!bundleType && !DescriptorParser.looksLikeYaml(contentType, bytes)) {
            return Submission.descriptor(read(bytes, contentType));
        }
        List<JsonNode> documents = guarded(() -> parser.parseStream(bytes));
        if (documents.size() == 1 && !bundleType) {
            return Submission.descriptor(documents.getFirst());
        }
        return Submission.bundle(documents.getFirst(), documents.subList(1, documents.size()));
    }

    private static <T> T guarded(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DescriptorTooLargeException e) {
            throw new ApiException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    e.getMessage(),
                    List.of(),
                    Map.of("limitBytes", DescriptorParser.MAX_BYTES));
        } catch (TooManyDocumentsException e) {
            throw new ApiException(
                    ProblemType.MALFORMED,
                    e.getMessage(),
                    List.of(),
                    Map.of("limit", "maxDocuments", "limitValue", DescriptorParser.MAX_DOCUMENTS));
        } catch (DescriptorParseException e) {
            String where = e.line() > 0 ? "line " + e.line() + ", column " + e.column() : "";
            // A safety limit is named, with its value, so a client can tell it from a typo.
            Map<String, Object> limit =
                    e.limit() == null ? Map.of() : Map.of("limit", e.limit().label(), "limitValue", e.limitValue());
            throw new ApiException(
                    ProblemType.MALFORMED,
                    e.getMessage(),
                    where.isEmpty() ? List.of() : List.of(new Problem.FieldError(where, e.getMessage())),
                    limit);
        }
    }
}
