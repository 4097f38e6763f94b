package dev.tessera.local;

import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;

/** Run events sent as a team's pipeline sends them: the official OpenLineage client, through the gateway, as CI. */
final class Pipelines {

    private Pipelines() {}

    /**
     * A client that posts to the gateway with the CI client's token, as a scheduler configured with Tessera's URL
     * and a client-credentials key would; close it to flush and release its connections.
     */
    static OpenLineageClient throughGateway(LocalStack stack, Identities identities) {
        return new OpenLineageClient(HttpTransport.builder()
                .uri(URI.create("http://127.0.0.1:"
                        + stack.service(PlatformService.GATEWAY).port()))
                .apiKey(identities.ciClient())
                .build());
    }
}
