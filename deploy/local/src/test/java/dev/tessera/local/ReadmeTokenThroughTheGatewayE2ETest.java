package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's token commands, pasted into bash against the running platform's Keycloak, give a demo
 * user and the CI pipeline tokens the gateway lets in, as the README's next commands use them.
 */
@ExtendWith(SharedStack.class)
class ReadmeTokenThroughTheGatewayE2ETest {

    private final LocalStack stack = SharedStack.get();

    @Test
    void theReadmesTokensOpenTheGateway() throws Exception {
        String block = ReadmeTokenCommandTest.tokenBlock(
                Files.readString(Path.of(System.getProperty("tessera.root", "../.."), "README.md")));
        String gateway = stack.service(PlatformService.GATEWAY)
                .uri("/api/catalog/v1/search")
                .toString();
        String script = block + """
                CI_TOKEN="$TOKEN"
                TOKEN=$(token carl-consumer)
                curl -s -o /dev/null -w '%%{http_code} ' %1$s -H "Authorization: Bearer $TOKEN"
                curl -s -o /dev/null -w '%%{http_code} ' %1$s -H "Authorization: Bearer $CI_TOKEN"
                curl -s -o /dev/null -w '%%{http_code}' %1$s
                """.formatted(gateway);

        String statuses = ReadmeTokenCommandTest.runBash(script, stack.keycloak());

        assertThat(statuses)
                .as("the consumer's token, the pipeline's token, then no token")
                .isEqualTo("200 200 401");
    }
}
