package dev.tessera.catalog.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A delivery connects to the address the guard checked, never to a second answer from DNS. */
@QuarkusTest
@CatalogTestResources
class PinnedAddressTest {

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    TargetGuard guard;

    @Test
    void aDeliveryGoesToTheCheckedAddressWithoutResolvingTheNameAgain() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            int port = URI.create(receiver.url()).getPort();
            // .invalid never resolves (RFC 6761): only the pinned address can carry this request.
            URI target = URI.create("http://receiver.rebinding.invalid:" + port + "/hook");

            // Many short answers in a row: each delivery must see its status, however quickly the
            // receiver's answer ends.
            for (int i = 1; i <= 50; i++) {
                int status = dispatcher.send(
                        target,
                        InetAddress.getLoopbackAddress(),
                        Map.of("ce-id", "pinned-" + i, "Content-Type", "application/json"),
                        "{}".getBytes(StandardCharsets.UTF_8));
                assertThat(status).isBetween(200, 299);
                assertThat(receiver.withEventId("pinned-" + i)).hasSize(1);
            }
            assertThat(receiver.withEventId("pinned-1").getFirst().headers().get("host"))
                    .as("the receiver still sees its own name")
                    .isEqualTo("receiver.rebinding.invalid:" + port);
        }
    }

    @Test
    void thePublicAddressAGuardAcceptsIsTheOneToConnectTo() throws Exception {
        TargetGuard.Verdict verdict = guard.check("https://93.184.215.14/hook");

        assertThat(verdict.refusal()).isEmpty();
        assertThat(verdict.address()).isEqualTo(InetAddress.getByName("93.184.215.14"));
        assertThat(guard.check("http://10.1.2.3/hook").refusal()).isPresent();
    }
}
