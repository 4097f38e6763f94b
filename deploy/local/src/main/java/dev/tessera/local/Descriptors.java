package dev.tessera.local;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Data products as code for the demo estate and the end-to-end tests: ODPS v1.0.0 descriptors with an
 * ODCS v3.1.0 contract on each output port, as a domain team would keep them in its repository.
 */
public final class Descriptors {

    private Descriptors() {}

    /**
     * A product that passes the starter pack's BLOCKING policies: an owner, a support channel, a
     * typed contract and classified PII.
     *
     * @param inputContracts contract ids of other products' ports this product reads (lineage)
     * @param extraProperty one more contract property, to vary the schema between versions
     */
    public static String product(
            String id,
            String domain,
            String name,
            String version,
            String purpose,
            boolean withOwner,
            List<String> inputContracts,
            String extraProperty) {
        String team = withOwner ? """
                team:
                  name: %s-data
                  members:
                    - username: %s-lead
                      role: owner
                """.formatted(domain, domain) : "";
        String inputs = inputContracts.isEmpty()
                ? ""
                : "inputPorts:\n"
                        + inputContracts.stream()
                                .map(c -> "  - name: " + c + "-in\n    version: 1.0.0\n    contractId: " + c + "\n")
                                .collect(Collectors.joining());
        String extra = extraProperty == null
                ? ""
                : "            - name: " + extraProperty + "\n              logicalType: string\n";
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: %3$s
                version: %4$s
                status: draft
                domain: %2$s
                tags: [%2$s, demo]
                description:
                  purpose: %5$s
                  usage: Reporting and analytics inside the company.
                %6$ssupport:
                  - channel: "#%2$s-data"
                    url: https://chat.example.com/%2$s
                %7$soutputPorts:
                  - name: %1$s-table
                    type: tables
                    version: %4$s
                    contract:
                      apiVersion: v3.1.0
                      kind: DataContract
                      id: %1$s-contract
                      version: %4$s
                      status: active
                      servers:
                        - server: warehouse
                          type: postgres
                          host: warehouse.example.com
                          port: 5432
                          database: analytics
                          schema: %8$s
                      schema:
                        - name: %9$s
                          physicalName: %9$s
                          properties:
                            - name: id
                              logicalType: string
                              primaryKey: true
                            - name: customer_email
                              logicalType: string
                              tags: [pii]
                              classification: restricted
                %10$s""".formatted(
                        id,
                        domain,
                        name,
                        version,
                        purpose,
                        team,
                        inputs,
                        domain.replace('-', '_'),
                        id.replace('-', '_'),
                        extra);
    }

    /**
     * The product of {@link #product} as a team keeps it in separate files: a plain ODPS document whose
     * output port names its contract by {@code contractId} (the contract is {@link #contract}).
     */
    public static String odpsProduct(String id, String domain, String name, String version, String purpose) {
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: %3$s
                version: %4$s
                status: draft
                domain: %2$s
                tags: [%2$s, demo]
                description:
                  purpose: %5$s
                  usage: Reporting and analytics inside the company.
                team:
                  name: %2$s-data
                  members:
                    - username: %2$s-lead
                      role: owner
                support:
                  - channel: "#%2$s-data"
                    url: https://chat.example.com/%2$s
                outputPorts:
                  - name: %1$s-table
                    type: tables
                    version: 1.0.0
                    contractId: %1$s-contract
                """.formatted(id, domain, name, version, purpose);
    }

    /**
     * The ODCS contract {@link #odpsProduct} names, as a document of its own: the same table as
     * {@link #product}'s, with or without its classified {@code customer_email} column.
     */
    public static String contract(String id, String domain, boolean withEmail) {
        String email = withEmail ? """
                      - name: customer_email
                        logicalType: string
                        tags: [pii]
                        classification: restricted
                """ : "";
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %1$s-contract
                version: 1.0.0
                status: active
                servers:
                  - server: warehouse
                    type: postgres
                    host: warehouse.example.com
                    port: 5432
                    database: analytics
                    schema: %2$s
                schema:
                  - name: %3$s
                    physicalName: %3$s
                    properties:
                      - name: id
                        logicalType: string
                        primaryKey: true
                %4$s""".formatted(id, domain.replace('-', '_'), id.replace('-', '_'), email);
    }

    /** Documents as one YAML stream, each started by {@code ---}: what the registry takes as a bundle. */
    public static String bundle(String... documents) {
        StringBuilder stream = new StringBuilder();
        for (String document : documents) {
            stream.append("---\n").append(document);
        }
        return stream.toString();
    }

    /**
     * The descriptor with quality stated in its contract as ODCS writes it: a row-count rule on the
     * port's table ({@code mustBeGreaterThan minRows}) and a freshness SLA ({@code latency}).
     *
     * @param latency how old the data may be, for example {@code 1} with {@code unit} {@code d}
     */
    public static String withQuality(String descriptor, long minRows, int latency, String unit) {
        int table = descriptor.indexOf("physicalName: ");
        int end = descriptor.indexOf('\n', table) + 1;
        String rule = """
                          quality:
                            - name: enough rows
                              metric: rowCount
                              mustBeGreaterThan: %d
                """.formatted(minRows);
        String withRule = descriptor.substring(0, end) + rule + descriptor.substring(end);
        String sla = """
                      slaProperties:
                        - property: latency
                          value: %d
                          unit: %s
                """.formatted(latency, unit);
        return withRule.replaceFirst(
                "(\n      status: active\n)", "$1" + java.util.regex.Matcher.quoteReplacement(sla));
    }
}
