package dev.tessera.lineage.security;

import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.OpenLineageEvents;
import dev.tessera.testkit.HostileInputTable;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;

/** Hostile bodies to lineage's OpenLineage ingest, one event and a batch, called directly. */
@QuarkusTest
@LineageTestResources
class HostileInputTest extends HostileInputTable {

    @Override
    protected List<WriteEndpoint> writeEndpoints() {
        String event = richEvent();
        return List.of(
                WriteEndpoint.json("POST", "/api/v1/lineage", event),
                WriteEndpoint.json("POST", "/api/v1/lineage/batch", "[" + event + "]"));
    }

    /** A completed run with the facets producers send: schema, symlinks, column lineage, SQL. */
    private static String richEvent() {
        String ns = OpenLineageEvents.unique("hostile");
        return """
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30.123Z",
                 "run": {"runId": "%1$s", "facets": {"nominalTime": {
                   "_producer": "%3$s", "_schemaURL": "https://openlineage.io/spec/facets/1-0-0/NominalTimeRunFacet.json",
                   "nominalStartTime": "2024-05-01T10:00:00Z"}}},
                 "job": {"namespace": "%2$s", "name": "load", "facets": {"sql": {
                   "_producer": "%3$s", "_schemaURL": "https://openlineage.io/spec/facets/1-0-0/SQLJobFacet.json",
                   "query": "insert into out select * from src"}}},
                 "inputs": [{"namespace": "%2$s", "name": "src", "facets": {"schema": {
                   "_producer": "%3$s", "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SchemaDatasetFacet.json",
                   "fields": [{"name": "id", "type": "bigint"}, {"name": "amount", "type": "decimal(10,2)"}]}}}],
                 "outputs": [{"namespace": "%2$s", "name": "out", "facets": {
                   "symlinks": {"_producer": "%3$s", "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json",
                     "identifiers": [{"namespace": "warehouse", "name": "%2$s.out_table", "type": "TABLE"}]},
                   "columnLineage": {"_producer": "%3$s", "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json",
                     "fields": {"id": {"inputFields": [{"namespace": "%2$s", "name": "src", "field": "id"}]}}}},
                   "outputFacets": {"outputStatistics": {"_producer": "%3$s",
                     "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json",
                     "rowCount": 10, "size": 1000}}}],
                 "producer": "%3$s",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
                """.formatted(UUID.randomUUID(), ns, OpenLineageEvents.PRODUCER);
    }
}
