package dev.tessera.cli.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What {@link TokenStore} keeps between runs.
 *
 * @param issuer the identity provider that issued the tokens; refreshes go back to it
 * @param clientId the client the tokens were issued to
 * @param accessToken the bearer token
 * @param expiresAt when the access token expires, epoch seconds
 * @param refreshToken the refresh token, or null
 * @param refreshExpiresAt when the refresh token expires, epoch seconds; 0 when it does not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredTokens(
        String issuer,
        String clientId,
        String accessToken,
        long expiresAt,
        String refreshToken,
        long refreshExpiresAt) {

    /** Whether the access token is still good for {@code marginSeconds} from {@code now}. */
    public boolean accessValid(long now, long marginSeconds) {
        return accessToken != null && expiresAt - marginSeconds > now;
    }

    /** Whether a refresh may still succeed at {@code now}. */
    public boolean refreshValid(long now) {
        return refreshToken != null && (refreshExpiresAt == 0 || refreshExpiresAt > now);
    }
}
