package dev.tessera.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.cli.CliProcess;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera lint} run as a process on the conformance corpus and on files broken in known places. */
class LintCommandTest {

    /** The public ODPS and ODCS examples, as platform/standards keeps them for its own tests. */
    private static final Path CORPUS =
            Path.of(System.getProperty("tessera.root", "..")).resolve("platform/standards/src/test/resources/corpus");

    private static final String BROKEN_PRODUCT = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: retail-orders
            status: draft
            domain: retail
            version: 1.0.0
            outputPorts:
              - name: orders
                version: 1.0.0
                contract:
                  apiVersion: v3.1.0
                  kind: DataContract
                  id: retail-orders-contract
                  version: 1.0.0
                  status: active
                  schema:
                    - name: orders
                      properties:
                        - name: id
                          logicalType: integr
            """;

    @TempDir
    Path dir;

    @Test
    void everyExampleOfTheCorpusPasses() {
        CliProcess.Result result = CliProcess.run(
                dir,
                Map.of(),
                "lint",
                CORPUS.resolve("odps").toString(),
                CORPUS.resolve("odcs").toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(result.stdout()).contains("20 file(s) checked: no errors").doesNotContain(": error ");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void aBrokenFieldIsNamedByLineColumnAndPointer() throws IOException {
        Path file = write("orders.odps.yaml", BROKEN_PRODUCT);

        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(result.lines())
                .anyMatch(line -> line.startsWith(
                        file + ":20:15: error /outputPorts/0/contract/schema/0/properties/0/logicalType "));
    }

    @Test
    void aMissingRequiredFieldPointsAtItsParent() throws IOException {
        Path file = write("contract.odcs.json", """
                {
                  "apiVersion": "v3.1.0",
                  "kind": "DataContract",
                  "id": "c1",
                  "version": "1.0.0",
                  "schema": [
                    {"name": "orders", "properties": [{"logicalType": "string"}]}
                  ]
                }
                """);

        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        // status is required at the top; the first property has no name.
        assertThat(result.lines()).anyMatch(line -> line.startsWith(file + ":1:1: error /status "));
        assertThat(result.lines())
                .anyMatch(line -> line.startsWith(file + ":7:39: error /schema/0/properties/0/name "));
    }

    @Test
    void malformedYamlIsReportedWhereTheParserStopped() throws IOException {
        Path file = write("broken.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: [unclosed\n");

        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(result.lines()).anyMatch(line -> line.matches("\\Q" + file + "\\E:4:1: error / Invalid YAML: .*"));
    }

    @Test
    void aDuplicateKeyIsAnError() throws IOException {
        Path file = write("twice.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: a\nid: b\n");

        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(result.stdout()).contains("Duplicate key 'id'");
    }

    @Test
    void jsonOutputCarriesEveryFinding() throws IOException {
        Path file = write("orders.odps.yaml", BROKEN_PRODUCT);

        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", "--output", "json", file.toString());

        JsonNode report = Output.JSON.readTree(result.stdout());
        assertThat(report.path("errors").asInt()).isEqualTo(1);
        JsonNode finding = report.path("findings").get(0);
        assertThat(finding.path("line").asInt()).isEqualTo(20);
        assertThat(finding.path("column").asInt()).isEqualTo(15);
        assertThat(finding.path("pointer").asText())
                .isEqualTo("/outputPorts/0/contract/schema/0/properties/0/logicalType");
    }

    @Test
    void aDirectorySkipsFilesThatAreNoDescriptors() throws IOException {
        write("ci.yaml", "stages: [lint]\n");
        write("orders.odps.yaml", BROKEN_PRODUCT);

        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", dir.toString());

        assertThat(result.lines()).noneMatch(line -> line.contains("ci.yaml"));
        assertThat(result.lines()).anyMatch(line -> line.contains("orders.odps.yaml:20:15"));
    }

    @Test
    void aWrongFlagIsOneLineAndExitTwo() {
        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", "--frobnicate", "x.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr().lines().toList())
                .containsExactly("tessera: Unknown option: '--frobnicate' (see 'tessera lint --help')");
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        CliProcess.Result result = CliProcess.run(dir, Map.of(), "lint", "nowhere.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr().lines().toList())
                .containsExactly("tessera: no such file or directory: nowhere.yaml");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
