package dev.tessera.registry.support;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bundle fixtures: an ODPS product whose ports name their contracts by {@code contractId}, and the ODCS contracts as
 * documents of their own, as a domain team keeps them on disk.
 */
public final class Bundles {

    public static final String MEDIA_TYPE = "application/x-tessera-bundle+yaml";

    private Bundles() {}

    /** The id of the contract {@link #product} names on {@code port}. */
    public static String contractId(String productId, String port) {
        return productId + "-" + port + "-contract";
    }

    /** A plain ODPS product with one output port per name, each naming its contract by {@link #contractId}. */
    public static String product(String id, String domain, String version, String... ports) {
        String outputs = List.of(ports).stream()
                .map(port -> """
                          - name: %s
                            version: 1.0.0
                            type: tables
                            contractId: %s
                        """.formatted(port, contractId(id, port)))
                .collect(Collectors.joining());
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: Orders of %2$s
                version: %3$s
                status: draft
                domain: %2$s
                description:
                  purpose: Every order placed in the web shop, one row per order.
                team:
                  name: %2$s-data
                  members:
                    - username: ann
                      role: owner
                outputPorts:
                %4$s""".formatted(id, domain, version, outputs);
    }

    /** The contract of {@code port}: a table with {@code order_id}, and {@code amount} unless it is dropped. */
    public static String contract(String productId, String port, boolean withAmount) {
        String amount = withAmount ? """
                      - name: amount
                        logicalType: number
                        physicalType: decimal(10,2)
                """ : "";
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %1$s
                version: 1.0.0
                status: active
                schema:
                  - name: %2$s
                    logicalType: object
                    physicalType: table
                    properties:
                      - name: order_id
                        logicalType: string
                        physicalType: varchar(36)
                        primaryKey: true
                        primaryKeyPosition: 1
                        required: true
                %3$s""".formatted(contractId(productId, port), port.replace('-', '_'), amount);
    }

    /** Documents joined into one YAML stream, each started by a {@code ---} line. */
    public static String of(String... documents) {
        return List.of(documents).stream().map(d -> "---\n" + d).collect(Collectors.joining());
    }
}
