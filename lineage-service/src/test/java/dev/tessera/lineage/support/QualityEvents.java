package dev.tessera.lineage.support;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/** Products with a port served by a table, and OpenLineage events carrying quality facets about it. */
public final class QualityEvents {

    /** The job every event of these tests runs. */
    public static final String JOB = "quality-tests/load";

    private static final String POSTGRES = "postgres://db.example.com:5432";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private QualityEvents() {}

    /** A product's port and the table serving it, named as OpenLineage names Postgres tables. */
    public record Port(String product, String port, String namespace, String table) {
        /** The dataset's node name. */
        public String dataset() {
            return namespace + "/" + table;
        }
    }

    /** Publishes a product of this domain whose port {@code orders} a fresh table serves, once lineage knows it. */
    public static Port productPort(String domain) {
        String table = unique("orders").replace('-', '_');
        return publish(domain, table);
    }

    /** Publishes another product, of this domain, whose port {@code orders} the same table serves. */
    public static Port sharedPort(Port other, String domain) {
        return publish(domain, other.table().substring("shop.public.".length()));
    }

    private static Port publish(String domain, String table) {
        String product = unique("quality");
        Products.publish(Products.state(
                product,
                domain,
                1,
                Products.descriptor(
                        product,
                        domain,
                        List.<String[]>of(new String[] {"orders", product + "-c", table}),
                        List.of())));
        Port port = new Port(product, "orders", POSTGRES, "shop.public." + table);
        await().atMost(WAIT).until(() -> {
            var answer = Api.graph("PORT:" + product + "/orders", "downstream", 1);
            return answer.statusCode() == 200
                    && answer.jsonPath().getList("items.key").contains("DATASET:" + port.dataset());
        });
        return port;
    }

    /** A dataset of an event; {@code facets} is the JSON of its facet members (or null for none). */
    public static String dataset(String namespace, String name, String facets) {
        return "{\"namespace\": \"" + namespace + "\", \"name\": \"" + name + "\""
                + (facets == null ? "" : ", " + facets) + "}";
    }

    /**
     * A run event of {@link #JOB}; {@code inputs} and {@code outputs} are JSON arrays, {@code runFacets}
     * the JSON of the run's facet members (or null for none).
     */
    public static String run(String eventType, String runId, String inputs, String outputs, String runFacets) {
        return """
                {"eventType": "%s", "eventTime": "2024-05-01T10:15:30.123Z",
                 "run": {"runId": "%s"%s},
                 "job": {"namespace": "quality-tests", "name": "load"},
                 "inputs": %s, "outputs": %s,
                 "producer": "%s",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
                """.formatted(
                        eventType,
                        runId,
                        runFacets == null ? "" : ", \"facets\": {" + runFacets + "}",
                        inputs,
                        outputs,
                        OpenLineageEvents.PRODUCER);
    }
}
