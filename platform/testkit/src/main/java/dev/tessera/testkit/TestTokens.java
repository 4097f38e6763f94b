package dev.tessera.testkit;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mints signed access tokens shaped like the ones Keycloak issues for the {@code tessera} realm
 * (roles under {@code realm_access.roles}, the full paths of the caller's Keycloak groups in
 * {@code domains}, e.g. {@code /domains/retail}), so service tests
 * exercise the real bearer-token validation of quarkus-oidc without an identity provider.
 */
public final class TestTokens {

    public static final String ISSUER = "https://keycloak.test/realms/tessera";
    public static final String AUDIENCE = "tessera";
    public static final String KEY_ID = "tessera-test-key";

    private static final PrivateKey SIGNING_KEY = privateKey("test-signing-key.pem");
    private static final PrivateKey FOREIGN_KEY = privateKey("foreign-signing-key.pem");

    private TestTokens() {}

    /** A platform administrator. */
    public static String platformAdmin() {
        return user("alice-admin", Set.of("platform-admin"), List.of());
    }

    /** A governance officer. */
    public static String governanceOfficer() {
        return user("gina-governance", Set.of("governance-officer"), List.of());
    }

    /** A domain owner who owns exactly the given domains: a member of {@code /domains/<domain>} for each. */
    public static String domainOwner(String... domains) {
        return user("dora-" + String.join("-", domains), Set.of("domain-owner"), List.of(domains));
    }

    /** The group whose members own a domain unless the registry records another: {@code /domains/<domain>}. */
    public static String ownerGroup(String domain) {
        return "/domains/" + domain;
    }

    /** A data consumer with no write rights. */
    public static String dataConsumer() {
        return user("carl-consumer", Set.of("data-consumer"), List.of());
    }

    /**
     * A token for any subject, roles and owned domains, valid for an hour: the subject is a member of
     * {@code /domains/<domain>} for each domain, which is how the realm groups domain owners.
     */
    public static String user(String subject, Set<String> roles, List<String> domains) {
        return inGroups(
                subject, roles, domains.stream().map(TestTokens::ownerGroup).toList());
    }

    /**
     * A token for any subject and roles whose {@code domains} claim lists exactly these group paths,
     * as Keycloak's group-membership mapper writes them (for example {@code /other/finance}).
     */
    public static String inGroups(String subject, Set<String> roles, List<String> groups) {
        return claims(subject, roles, groups).jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** The same token as {@link #user}, but signed with a key no service trusts. */
    public static String signedByForeignKey(String subject, Set<String> roles) {
        return claims(subject, roles, List.of()).jws().keyId(KEY_ID).sign(FOREIGN_KEY);
    }

    /** A token that expired a while ago. */
    public static String expired(String subject, Set<String> roles) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return claims(subject, roles, List.of())
                .issuedAt(past)
                .expiresAt(past.plus(Duration.ofMinutes(5)))
                .jws()
                .keyId(KEY_ID)
                .sign(SIGNING_KEY);
    }

    /** A well-signed token from another issuer (another realm or identity provider). */
    public static String wrongIssuer(String subject, Set<String> roles) {
        return claims(subject, roles, List.of())
                .issuer("https://keycloak.test/realms/other")
                .jws()
                .keyId(KEY_ID)
                .sign(SIGNING_KEY);
    }

    /** A well-signed token meant for another resource server. */
    public static String wrongAudience(String subject, Set<String> roles) {
        return claims(subject, roles, List.of())
                .audience("another-api")
                .jws()
                .keyId(KEY_ID)
                .sign(SIGNING_KEY);
    }

    /** A well-signed token whose validity starts in an hour ({@code nbf} in the future). */
    public static String notYetValid(String subject, Set<String> roles) {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        return claims(subject, roles, List.of())
                .claim("nbf", later.getEpochSecond())
                .issuedAt(later)
                .expiresAt(later.plus(Duration.ofHours(1)))
                .jws()
                .keyId(KEY_ID)
                .sign(SIGNING_KEY);
    }

    /** A token naming a key id nobody published, signed with a key nobody trusts. */
    public static String unknownKeyId(String subject, Set<String> roles) {
        return claims(subject, roles, List.of()).jws().keyId("no-such-key").sign(FOREIGN_KEY);
    }

    /**
     * An unsigned token ({@code alg: none}) with admin claims: header and payload only, the form an
     * attacker sends hoping the verifier skips the signature.
     */
    public static String unsigned(String subject, Set<String> roles) {
        String signed = user(subject, roles, List.of());
        String payload = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /**
     * An ID token as Keycloak shapes one ({@code typ: ID}, audience = the client that logged in):
     * proof of a login for that client, never an access token for Tessera's APIs.
     */
    public static String idToken(String subject, Set<String> roles) {
        return claims(subject, roles, List.of())
                .audience("tessera-web")
                .claim("typ", "ID")
                .jws()
                .keyId(KEY_ID)
                .sign(SIGNING_KEY);
    }

    /** The {@code Authorization} header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The public key services trust in tests, Base64 of its X.509 encoding, for {@code quarkus.oidc.public-key}. */
    public static String publicKeyBase64() {
        return pemBody("test-signing-key.pub.pem");
    }

    /** The public key services trust in tests. */
    public static PublicKey publicKey() {
        try {
            byte[] der = Base64.getDecoder().decode(publicKeyBase64());
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Quarkus configuration that makes a service trust the tokens minted here. */
    public static Map<String, String> oidcConfig() {
        return Map.of(
                "quarkus.oidc.public-key", publicKeyBase64(),
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.token.audience", AUDIENCE);
    }

    private static JwtClaimsBuilder claims(String subject, Set<String> roles, List<String> groups) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .claim("preferred_username", subject)
                .audience(AUDIENCE)
                .claim("jti", UUID.randomUUID().toString())
                .claim("azp", "tessera-cli")
                .claim("typ", "Bearer")
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .claim("domains", List.copyOf(groups))
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofHours(1));
    }

    private static PrivateKey privateKey(String resource) {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody(resource));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bad test key " + resource, e);
        }
    }

    private static String pemBody(String resource) {
        try (InputStream in = TestTokens.class.getResourceAsStream("/tessera-testkit/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test key " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
