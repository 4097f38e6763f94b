package dev.tessera.registry.support;

/** Descriptor fixtures: a small valid product with one table port and a typed contract. */
public final class Descriptors {

    private Descriptors() {}

    /** A product with one output port `orders-table` whose contract has `order_id` (pk) and `amount`. */
    public static String orders(String id, String domain, String version) {
        return orders(id, domain, version, "decimal(10,2)", false);
    }

    /**
     * The same product with a chosen physical type for `amount` and whether `amount` is required: the
     * two knobs the breaking-change tests turn.
     */
    public static String orders(String id, String domain, String version, String amountType, boolean amountRequired) {
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: Orders of %2$s
                version: %3$s
                status: draft
                domain: %2$s
                description:
                  purpose: Every order placed in the web shop, one row per order, for revenue reporting.
                  usage: Join on order_id.
                  limitations: Orders older than 2019 are not included.
                tags: [sales, orders]
                team:
                  name: %2$s-data
                  members:
                    - username: ann
                      role: owner
                support:
                  - channel: "#%2$s-data"
                    url: https://chat.example.com/%2$s-data
                outputPorts:
                  - name: orders-table
                    version: 1.0.0
                    type: tables
                    description: Orders as a table
                    contract:
                      apiVersion: v3.1.0
                      kind: DataContract
                      id: %1$s-orders-contract
                      version: 1.0.0
                      status: active
                      servers:
                        - server: prod
                          type: postgres
                          host: db.example.com
                          port: 5432
                          database: shop
                          schema: public
                      schema:
                        - name: orders
                          logicalType: object
                          physicalType: table
                          properties:
                            - name: order_id
                              logicalType: string
                              physicalType: varchar(36)
                              primaryKey: true
                              primaryKeyPosition: 1
                              required: true
                            - name: amount
                              logicalType: number
                              physicalType: %4$s
                              required: %5$s
                            - name: customer_email
                              logicalType: string
                              physicalType: varchar(200)
                              classification: restricted
                """.formatted(id, domain, version, amountType, amountRequired);
    }
}
