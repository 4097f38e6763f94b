package dev.tessera.standards;

/**
 * One problem found in a document (a descriptor, a contract, any body a caller sent), pointed at by path.
 *
 * @param path JSON Pointer (RFC 6901) to the offending member, e.g.
 *     {@code /outputPorts/0/contract/schema/1/properties/2/logicalType}; the empty string is the document itself
 * @param message what is wrong and, where the schema says so, what is expected instead
 */
public record Violation(String path, String message) {}
