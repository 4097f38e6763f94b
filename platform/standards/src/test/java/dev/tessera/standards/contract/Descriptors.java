package dev.tessera.standards.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/** Small factories for product descriptors, so that each test shows only the part of the contract it changes. */
final class Descriptors {

    static final String PORT = "outputPorts[orders-table]";
    static final String CONTRACT = PORT + ".contract";
    static final String ORDERS = CONTRACT + ".schema[orders]";

    static final YAMLMapper YAML = new YAMLMapper();

    private static final String PRODUCT = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: orders
            name: Orders
            version: 1.2.0
            domain: retail
            outputPorts:
              - name: orders-table
                version: 1.0.0
                type: tables
                contractId: orders-contract
            """;

    private static final String CONTRACT_HEADER = """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders-contract
            version: 1.0.0
            status: active
            """;

    private Descriptors() {}

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A product whose single port {@code orders-table} carries no contract. */
    static ObjectNode product() {
        return (ObjectNode) yaml(PRODUCT);
    }

    /** A product whose port carries the contract written in YAML (the header fields are added). */
    static ObjectNode productWithContract(String contractBody) {
        ObjectNode product = product();
        ObjectNode contract = (ObjectNode) yaml(CONTRACT_HEADER);
        JsonNode body = yaml(contractBody);
        if (body != null && body.isObject()) {
            contract.setAll((ObjectNode) body);
        }
        port(product).set("contract", contract);
        return product;
    }

    /** A product with an object {@code orders} whose properties are given as YAML flow maps, one per argument. */
    static ObjectNode productWithProperties(String... properties) {
        ObjectNode product = productWithContract("schema: [{name: orders, logicalType: object, physicalType: table}]");
        ArrayNode list = ((ObjectNode) contract(product).get("schema").get(0)).putArray("properties");
        for (String property : properties) {
            list.add(yaml(property));
        }
        return product;
    }

    static ObjectNode port(JsonNode product) {
        return (ObjectNode) product.get("outputPorts").get(0);
    }

    static ObjectNode contract(JsonNode product) {
        return (ObjectNode) port(product).get("contract");
    }

    static String property(String name) {
        return ORDERS + ".properties[" + name + "]";
    }
}
