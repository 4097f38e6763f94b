package dev.tessera.cli.auth;

import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessera login}: signs a person in with the device authorization grant (realm client {@code tessera-cli}), or
 * a CI job in with client credentials when {@code TESSERA_CLIENT_ID} and {@code TESSERA_CLIENT_SECRET} are set, and
 * keeps the tokens for the following commands.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Sign in. People: open the link shown and approve (device authorization grant).",
            "CI: with TESSERA_CLIENT_ID and TESSERA_CLIENT_SECRET set, client credentials, no prompt.",
            "Tokens are kept in $XDG_CONFIG_HOME/tessera/token.json (mode 0600) and refreshed when they expire."
        })
public final class LoginCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(
            names = "--issuer",
            paramLabel = "URL",
            description =
                    "The identity provider's issuer (default: $TESSERA_ISSUER, else " + Oidc.DEFAULT_ISSUER + ").")
    String issuer;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            description = "The client to sign in with (default: tessera-cli, or $TESSERA_CLIENT_ID).")
    String clientId;

    /** The JSON answer: never the token itself. */
    record Report(String issuer, String clientId, String grant, String expiresAt, String stored) {}

    @Override
    public Integer call() throws IOException {
        Output output = common.output();
        Oidc oidc = new Oidc(issuer != null ? issuer : Oidc.configuredIssuer());
        TokenStore store = TokenStore.forUser();
        String ciClient = System.getenv("TESSERA_CLIENT_ID");
        String ciSecret = System.getenv("TESSERA_CLIENT_SECRET");
        StoredTokens tokens;
        String grant;
        if (ciClient != null && !ciClient.isBlank() && ciSecret != null) {
            String client = clientId != null ? clientId : ciClient;
            tokens = oidc.clientCredentials(client, ciSecret);
            grant = "client_credentials";
        } else {
            String client = clientId != null ? clientId : Oidc.CLI_CLIENT;
            Oidc.DeviceAuthorization device = oidc.startDeviceLogin(client);
            String link = device.verificationUriComplete() != null
                    ? device.verificationUriComplete()
                    : device.verificationUri();
            output.notice("To sign in, open " + link);
            output.notice("and confirm the code " + device.userCode() + " (it expires in " + device.expiresIn() / 60
                    + " min).");
            tokens = oidc.awaitDeviceLogin(client, device);
            grant = "device_code";
        }
        store.write(tokens);
        Instant expires = Instant.ofEpochSecond(tokens.expiresAt());
        output.line("Signed in at " + oidc.issuer() + " as client " + tokens.clientId() + "; token kept in "
                + store.file());
        output.document(new Report(
                oidc.issuer(),
                tokens.clientId(),
                grant,
                expires.toString(),
                store.file().toString()));
        return ExitCodes.OK;
    }
}
