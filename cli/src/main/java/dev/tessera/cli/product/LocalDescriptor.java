package dev.tessera.cli.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.cli.CliException;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.lint.Linter;
import dev.tessera.standards.descriptor.DescriptorParseException;
import dev.tessera.standards.descriptor.DescriptorParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A descriptor file as the registry will take it: its bytes and media type (sent as they are), and the product it
 * holds with its bundled contracts placed on the ports that name them (for local comparisons).
 *
 * @param file the file
 * @param body its bytes
 * @param contentType the media type to send them as
 * @param kind what the file holds: a product (possibly bundled with its contracts), policies, a lone contract, other
 * @param product the product with every contract inline, or null when the file holds no product
 * @param documents how many documents the file holds
 */
public record LocalDescriptor(
        Path file, byte[] body, String contentType, Linter.Kind kind, ObjectNode product, int documents) {

    private static final DescriptorParser PARSER = new DescriptorParser();

    /** Reads a file; an unreadable or malformed one is a {@link CliException} naming it (lint says more). */
    public static LocalDescriptor read(Path file) {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), ExitCodes.USAGE);
        }
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        List<JsonNode> documents;
        try {
            documents = json ? List.of(PARSER.parse(body, false)) : PARSER.parseStream(body);
        } catch (DescriptorParseException e) {
            throw new CliException(
                    file + ":" + Math.max(e.line(), 1) + ":" + Math.max(e.column(), 1) + ": " + e.getMessage()
                            + " (run 'tessera lint " + file + "')",
                    ExitCodes.FINDINGS);
        } catch (RuntimeException e) {
            throw new CliException(file + ": " + e.getMessage(), ExitCodes.FINDINGS);
        }
        JsonNode first = documents.getFirst();
        Linter.Kind kind = Linter.Kind.of(first);
        String type = json
                ? "application/json"
                : documents.size() > 1 ? "application/x-tessera-bundle+yaml" : "application/yaml";
        if (kind != Linter.Kind.PRODUCT) {
            // Policies go to governance; a lone contract or another file is for the caller to place (see ApplyCommand).
            return new LocalDescriptor(file, body, type, kind, null, documents.size());
        }
        ObjectNode product = ((ObjectNode) first).deepCopy();
        JsonNode ports = product.path("outputPorts");
        for (JsonNode contract : documents.subList(1, documents.size())) {
            for (JsonNode port : ports) {
                if (port.isObject()
                        && !port.has("contract")
                        && port.path("contractId")
                                .asText("")
                                .equals(contract.path("id").asText(null))) {
                    ((ObjectNode) port).set("contract", contract);
                }
            }
        }
        return new LocalDescriptor(file, body, type, kind, product, documents.size());
    }

    /** The product id the file names, or a {@link CliException} asking for one. */
    public String id() {
        if (product == null) {
            throw new CliException(
                    file + " holds no data product (kind: DataProduct); a contract travels with the"
                            + " product whose port names it, inline or in a bundle",
                    ExitCodes.USAGE);
        }
        String id = product.path("id").asText("");
        if (id.isBlank()) {
            throw new CliException(file + " names no product id; add 'id:' to the descriptor", ExitCodes.USAGE);
        }
        return id;
    }

    /** The version the file names, or an empty string. */
    public String version() {
        return product.path("version").asText("");
    }

    /** The product without {@code status}, as the registry compares descriptors. */
    public JsonNode comparable() {
        return withoutStatus(product);
    }

    /** A copy without the top-level {@code status}, which the lifecycle owns. */
    public static JsonNode withoutStatus(JsonNode descriptor) {
        if (!descriptor.isObject()) {
            return descriptor;
        }
        ObjectNode copy = ((ObjectNode) descriptor).deepCopy();
        copy.remove("status");
        return copy;
    }
}
