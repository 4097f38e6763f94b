package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.registry.standard.DescriptorParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Serves descriptors as JSON or YAML, whichever the caller's Accept header prefers. */
@ApplicationScoped
public class Representations {

    public static final String APPLICATION_YAML = "application/yaml";

    @Inject
    DescriptorParser parser;

    /** A 200 with the document in the preferred representation (JSON unless YAML is asked for). */
    public Response.ResponseBuilder document(JsonNode document, HttpHeaders headers) {
        boolean yaml = prefersYaml(headers);
        return Response.ok(parser.write(document, yaml), yaml ? APPLICATION_YAML : MediaType.APPLICATION_JSON);
    }

    static boolean prefersYaml(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            String sub = type.getSubtype();
            if (sub.equals("yaml") || sub.equals("x-yaml")) {
                return true;
            }
            if (sub.equals("json") || type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}
