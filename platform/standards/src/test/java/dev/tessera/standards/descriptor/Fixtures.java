package dev.tessera.standards.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** Small descriptors shared by the tests; parsed with the production parser so fixtures follow its typing rules. */
final class Fixtures {

    static final DescriptorParser PARSER = new DescriptorParser();
    static final StandardSchemas SCHEMAS = new StandardSchemas();
    static final DescriptorCodec CODEC = new DescriptorCodec(SCHEMAS);

    static final String ORDERS_PORT = "orders-table";

    static final String ORDERS_DESCRIPTOR = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: orders
            name: Orders
            version: 1.2.0
            status: draft
            domain: retail
            description:
              purpose: All orders placed in the web shop.
              usage: Revenue reporting.
              limitations: No returns before 2021.
            tags: [sales, orders]
            team:
              name: retail-data
              members:
                - username: ann
                  role: owner
                - name: Bob
                  username: bob
            support:
              - channel: "#retail-data"
                url: https://chat.example/retail-data
            inputPorts:
              - name: customers
                version: 1.0.0
                contractId: customers-contract
            outputPorts:
              - name: orders-table
                version: 1.0.0
                type: tables
                description: One row per order.
                contract:
                  apiVersion: v3.1.0
                  kind: DataContract
                  id: orders-contract
                  version: 1.0.0
                  status: active
                  servers:
                    - server: production
                      type: postgresql
                      host: db.example
                      port: 5432
                      database: shop
                      schema: public
                  schema:
                    - name: orders
                      logicalType: object
                      properties:
                        - name: order_id
                          logicalType: string
                          required: true
                        - name: amount
                          logicalType: number
              - name: orders-events
                version: 1.0.0
                type: topic
            """;

    private Fixtures() {}

    static JsonNode yaml(String text) {
        return PARSER.parse(text.getBytes(StandardCharsets.UTF_8), true);
    }

    static JsonNode json(String text) {
        return PARSER.parse(text.getBytes(StandardCharsets.UTF_8), false);
    }

    static JsonNode ordersDescriptor() {
        return yaml(ORDERS_DESCRIPTOR);
    }
}
