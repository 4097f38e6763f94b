package dev.tessera.portal.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user signed in to the portal the way a browser signs in: the portal's redirect to the real
 * Keycloak, Keycloak's login form filled and posted, the code sent back to the portal's callback.
 * Keeps cookies per host itself (the portal's session cookies are Secure, and the JDK's cookie
 * manager would not send them over the tests' plain http), follows redirects itself, and reaches the
 * portal on 127.0.0.1, a loopback origin the realm's {@code tessera-web} client accepts on any port.
 */
public final class SignedInClient {

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Map<String, Map<String, String>> cookies = new HashMap<>();
    private final URI portal;

    private SignedInClient(URI portal) {
        this.portal = portal;
    }

    /**
     * Signs {@code username} in through the login page Keycloak shows for {@code firstPage}.
     *
     * @param port the portal's HTTP port
     */
    public static SignedInClient signIn(int port, String username, String password, String firstPage) {
        SignedInClient client = new SignedInClient(URI.create("http://127.0.0.1:" + port));
        HttpResponse<String> toLogin = client.send(client.portal.resolve(firstPage), null);
        if (toLogin.statusCode() != 302) {
            throw new IllegalStateException("expected the login redirect, got " + toLogin.statusCode());
        }
        HttpResponse<String> loginPage = client.follow(toLogin);
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form on " + loginPage.uri() + ":\n" + loginPage.body());
        }
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
        HttpResponse<String> afterLogin = client.send(URI.create(action.group(1).replace("&amp;", "&")), form);
        HttpResponse<String> landed = client.follow(afterLogin);
        if (landed.statusCode() != 200
                || !landed.uri().getPath().equals(URI.create(firstPage).getPath())) {
            throw new IllegalStateException("signing in as " + username + " ended at " + landed.uri() + " with "
                    + landed.statusCode() + ":\n" + landed.body());
        }
        return client;
    }

    /** GETs a portal page (a path with its query) without following redirects. */
    public HttpResponse<String> get(String pathAndQuery) {
        return send(portal.resolve(pathAndQuery), null);
    }

    private HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            URI next = current.uri()
                    .resolve(current.headers().firstValue("Location").orElseThrow());
            current = send(next, null);
        }
        return current;
    }

    private HttpResponse<String> send(URI uri, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/html");
        String jar = cookieHeader(uri);
        if (!jar.isEmpty()) {
            request.header("Cookie", jar);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            keep(uri, response);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void keep(URI uri, HttpResponse<String> response) {
        Map<String, String> jar = cookies.computeIfAbsent(uri.getHost(), h -> new HashMap<>());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            boolean expired = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty();
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private String cookieHeader(URI uri) {
        return cookies.getOrDefault(uri.getHost(), Map.of()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
