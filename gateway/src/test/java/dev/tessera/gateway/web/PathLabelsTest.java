package dev.tessera.gateway.web;

import static dev.tessera.gateway.support.Calls.anonymous;
import static dev.tessera.gateway.support.Calls.consumer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * HTTP metrics name a proxied call by its route, never by its raw path: product ids and paths that
 * anonymous callers make up cannot multiply the series an operator's Prometheus has to keep.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class PathLabelsTest {

    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");

    @Test
    void proxiedCallsAreCountedPerRouteAndUnroutedApiPathsUnderOneLabel() {
        for (int i = 0; i < 5; i++) {
            consumer().get("/api/registry/v1/products/label-probe-" + i).then().statusCode(200);
            consumer()
                    .get("/api/lineage/v1/impact?node=PRODUCT:label-probe-" + i)
                    .then()
                    .statusCode(200);
            anonymous()
                    .get("/api/registry/v1/products/label-refused-" + i)
                    .then()
                    .statusCode(401);
            consumer().get("/api/label-nowhere-" + i + "/x").then().statusCode(404);
            anonymous().get("/label-junk-" + i).then().statusCode(200);
        }
        consumer().get("/api/products/label-probe-0/overview");

        String metrics =
                anonymous().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> serverUris = new TreeSet<>();
        Set<String> allUris = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            Matcher uri = URI_LABEL.matcher(line);
            if (!uri.find()) {
                continue;
            }
            allUris.add(uri.group(1));
            if (line.startsWith("http_server_requests_seconds_count")) {
                serverUris.add(uri.group(1));
            }
        }

        assertThat(serverUris)
                .contains("/api/registry/*", "/api/lineage/v1/*", "/unrouted", "/api/products/{id}/overview", "/*");
        assertThat(allUris).noneMatch(u -> u.contains("label-"));
    }

    @Test
    void requestTimersCarryTheStatusAndOutcomeAlertsReadAndCallersCannotInventMethods() {
        consumer().get("/api/registry/v1/products/status-probe").then().statusCode(200);
        anonymous().get("/api/registry/v1/products/status-probe").then().statusCode(401);
        for (int i = 0; i < 3; i++) {
            anonymous().request("PROPFIND" + i, "/api/registry/v1/products/status-probe");
        }

        String metrics =
                anonymous().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> timers = metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"/api/registry/*\""))
                .toList();

        assertThat(timers)
                .anyMatch(line -> line.contains("method=\"GET\"")
                        && line.contains("status=\"200\"")
                        && line.contains("outcome=\"SUCCESS\""))
                .anyMatch(line -> line.contains("method=\"GET\"")
                        && line.contains("status=\"401\"")
                        && line.contains("outcome=\"CLIENT_ERROR\""))
                .anyMatch(line -> line.contains("method=\"UNKNOWN\""))
                .noneMatch(line -> line.contains("PROPFIND"));
    }

    @Test
    void requestTimersAreExportedButPerSocketByteCountsAreNot() {
        consumer().get("/api/registry/v1/products/bytes-probe").then().statusCode(200);

        String metrics =
                anonymous().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).doesNotContain("http_server_bytes_written").doesNotContain("http_server_bytes_read");
    }
}
