package dev.tessera.portal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user signed in to the portal the way a browser signs in, without a browser: the portal's redirect
 * to the real Keycloak's login page, the login form posted with the user's password, the code brought
 * back to the portal's callback. Cookies are kept per origin; redirects are followed only where a test
 * says so, so tests see the portal's own answers (303s, 403s).
 */
public final class SignedInUser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
    private final URI portal;

    private SignedInUser(URI portal) {
        this.portal = portal;
    }

    /**
     * Signs {@code username} in at the portal listening on {@code port} (on 127.0.0.1: the realm lets the
     * portal's client come back to any loopback port).
     */
    public static SignedInUser signIn(int port, String username, String password) {
        SignedInUser user = new SignedInUser(URI.create("http://127.0.0.1:" + port));
        HttpResponse<String> toLogin = user.get("/me");
        if (toLogin.statusCode() != 302) {
            throw new IllegalStateException(
                    "the portal did not send an anonymous visit to the login page: " + toLogin.statusCode());
        }
        HttpResponse<String> loginPage = user.send(HttpRequest.newBuilder(
                URI.create(toLogin.headers().firstValue("Location").orElseThrow())));
        String action = action(loginPage.body());
        HttpResponse<String> back = user.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form(Map.of("username", username, "password", password, "credentialId", "")))));
        String callback = back.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException(
                        "Keycloak did not accept " + username + "'s password: " + back.statusCode()));
        HttpResponse<String> landed = user.send(HttpRequest.newBuilder(URI.create(callback)));
        if (landed.statusCode() != 302) {
            throw new IllegalStateException("the portal's callback answered " + landed.statusCode());
        }
        return user;
    }

    /** GET a portal path (redirects are not followed). */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(portal.resolve(path)));
    }

    /** A page's text with the character references Qute writes for quotes and ampersands read back. */
    public static String text(HttpResponse<String> page) {
        return page.body().replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** POST a form to a portal path (redirects are not followed). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(portal.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** The CSRF token the portal issued to this browser (its cookie), or null before any page. */
    public String csrf() {
        return cookies.getOrDefault(origin(portal), Map.of()).get("tessera-csrf");
    }

    /** True while the portal's session cookie is held. */
    public boolean hasSession() {
        return cookies.getOrDefault(origin(portal), Map.of()).keySet().stream()
                .anyMatch(n -> n.startsWith("q_session"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        Map<String, String> jar = cookies.computeIfAbsent(origin(uri), o -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header(
                    "Cookie",
                    jar.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            keep(jar, response.headers().allValues("Set-Cookie"));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void keep(Map<String, String> jar, List<String> setCookies) {
        for (String header : setCookies) {
            String[] parts = header.split(";");
            String[] pair = parts[0].split("=", 2);
            String name = pair[0].strip();
            String value = pair.length > 1 ? pair[1].strip() : "";
            boolean expired = value.isEmpty();
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].strip().toLowerCase(java.util.Locale.ROOT);
                if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
                    expired = true;
                }
            }
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private static String action(String loginPage) {
        Matcher form = LOGIN_FORM.matcher(loginPage);
        Matcher any = FORM_ACTION.matcher(loginPage);
        String action = form.find() ? form.group(1) : any.find() ? any.group(1) : null;
        if (action == null) {
            throw new IllegalStateException("no login form on Keycloak's page");
        }
        return action.replace("&amp;", "&");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
