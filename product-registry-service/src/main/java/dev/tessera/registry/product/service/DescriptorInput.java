package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.problem.Problem;
import dev.tessera.platform.problem.ProblemType;
import dev.tessera.registry.standard.DescriptorParseException;
import dev.tessera.registry.standard.DescriptorParser;
import dev.tessera.registry.standard.DescriptorTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Reads request bodies as JSON or YAML trees, turning parse failures into problems that point at the spot. */
@ApplicationScoped
public class DescriptorInput {

    @Inject
    DescriptorParser parser;

    public JsonNode read(byte[] body, String contentType) {
        try {
            return parser.parse(body == null ? new byte[0] : body, DescriptorParser.looksLikeYaml(contentType, body));
        } catch (DescriptorTooLargeException e) {
            throw new ApiException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    e.getMessage(),
                    List.of(),
                    Map.of("limitBytes", DescriptorParser.MAX_BYTES));
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
