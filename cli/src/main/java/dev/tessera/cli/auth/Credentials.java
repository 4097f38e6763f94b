package dev.tessera.cli.auth;

import dev.tessera.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The bearer token for a command's calls, from the first source that has one: {@code TESSERA_TOKEN} as is; client
 * credentials from {@code TESSERA_CLIENT_ID} and {@code TESSERA_CLIENT_SECRET} (CI); the stored login, refreshed
 * with its refresh token when the access token has (nearly) expired.
 */
public final class Credentials {

    /** Seconds before expiry at which a token counts as expired: a call must not start with a dying token. */
    private static final long MARGIN = 30;

    private Credentials() {}

    /** The token, or a {@link CliException} saying how to sign in. */
    public static String token() {
        String given = System.getenv("TESSERA_TOKEN");
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        try {
            String clientId = System.getenv("TESSERA_CLIENT_ID");
            String secret = System.getenv("TESSERA_CLIENT_SECRET");
            if (clientId != null && !clientId.isBlank() && secret != null) {
                return new Oidc(Oidc.configuredIssuer())
                        .clientCredentials(clientId, secret)
                        .accessToken();
            }
            TokenStore store = TokenStore.forUser();
            StoredTokens stored = store.read()
                    .orElseThrow(() -> new CliException("not signed in; run 'tessera login'"
                            + " (CI: set TESSERA_CLIENT_ID and TESSERA_CLIENT_SECRET)"));
            long now = Instant.now().getEpochSecond();
            if (stored.accessValid(now, MARGIN)) {
                return stored.accessToken();
            }
            if (!stored.refreshValid(now)) {
                throw new CliException("the session has ended; run 'tessera login'");
            }
            StoredTokens refreshed = new Oidc(stored.issuer()).refresh(stored);
            store.write(refreshed);
            return refreshed.accessToken();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
