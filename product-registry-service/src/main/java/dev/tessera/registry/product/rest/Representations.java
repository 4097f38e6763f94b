package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.registry.product.service.DescriptorInput;
import dev.tessera.standards.descriptor.DescriptorCodec;
import dev.tessera.standards.descriptor.DescriptorParser;
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

    /** Media type of a bundle: the product as ODPS, then each of its ODCS contracts, as one YAML stream. */
    public static final String BUNDLE_YAML = DescriptorInput.BUNDLE_YAML;

    @Inject
    DescriptorCodec codec;

    /**
     * A 200 with a descriptor as a bundle when the caller accepts {@link #BUNDLE_YAML}, otherwise as {@link #document}
     * serves it.
     */
    public Response.ResponseBuilder descriptor(JsonNode descriptor, HttpHeaders headers) {
        boolean bundle = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> BUNDLE_YAML.equalsIgnoreCase(type.getType() + "/" + type.getSubtype()));
        if (bundle) {
            return Response.ok(parser.writeStream(codec.exportBundle(descriptor)), BUNDLE_YAML);
        }
        return document(descriptor, headers);
    }

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
