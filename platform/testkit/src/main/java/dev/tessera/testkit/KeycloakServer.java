package dev.tessera.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server from the {@code org.keycloak:keycloak-quarkus-dist} zip published on Maven
 * Central, started in dev mode (file-based H2 store) with a realm export imported, on free ports,
 * with the JDK that runs this class. Usable from tests ({@link #shared()}) and from scripts
 * ({@link #main}).
 */
public final class KeycloakServer implements AutoCloseable {

    /** System property naming the distribution zip (the build sets it from the local Maven repository). */
    public static final String DIST_PROPERTY = "tessera.keycloak.dist";
    /** System property naming the realm export to import. */
    public static final String REALM_PROPERTY = "tessera.keycloak.realm";

    private static KeycloakServer shared;

    /** User name of the master realm's bootstrap administrator, for the admin console and REST API. */
    public static final String ADMIN_USER = "admin";

    private final Process process;
    private final String host;
    private final int port;
    private final Path log;
    private final String adminPassword;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, String host, int port, Path log, String adminPassword) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /**
     * Unpacks {@code distZip} below {@code workDir} (once; later calls reuse it), clears its store,
     * copies {@code realmExport} into its import folder and starts it, returning once the realm
     * answers. Startup includes Keycloak's own build step and takes tens of seconds on two cores.
     */
    public static KeycloakServer start(Path distZip, Path realmExport, Path workDir, Duration timeout) {
        return start(distZip, realmExport, workDir, timeout, 0);
    }

    /**
     * As {@link #start(Path, Path, Path, Duration)}, on {@code httpPort} when it is not 0. A fixed port is
     * one people type into commands, so the server then names itself {@code http://localhost:<port>}
     * whichever address a request used: tokens carry that issuer, the one the services' own default
     * ({@code http://localhost:8180/realms/tessera}) and the README's commands use.
     */
    public static KeycloakServer start(Path distZip, Path realmExport, Path workDir, Duration timeout, int httpPort) {
        try {
            Path home = unpack(distZip, workDir);
            deleteTree(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmExport, imports.resolve(realmExport.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            int port = httpPort == 0 ? FreePorts.next() : httpPort;
            int managementPort = FreePorts.next();
            String host = httpPort == 0 ? "127.0.0.1" : "localhost";
            Path log = workDir.resolve("keycloak-" + port + ".log");
            List<String> command = new java.util.ArrayList<>(List.of(
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--import-realm",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + managementPort,
                    "--health-enabled=true",
                    "--cache=local"));
            if (httpPort != 0) {
                command.add("--hostname=http://localhost:" + port);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            // A test helper, not a production server: a small heap and the quick JIT tier start it sooner.
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            // A master-realm administrator with a password made for this start only, so tests can
            // manage users and groups through the admin REST API as an operator would.
            String adminPassword = java.util.UUID.randomUUID().toString();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(process, host, port, log, adminPassword);
            try {
                server.awaitRealm(realmName(realmExport), timeout);
            } catch (RuntimeException e) {
                server.close();
                throw new IllegalStateException(
                        "Keycloak did not serve its realm within " + timeout + "; log: " + log, e);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
    }

    /**
     * One server per JVM, from the {@value #DIST_PROPERTY} and {@value #REALM_PROPERTY} system
     * properties, stopped when the JVM exits.
     */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            Path dist = Path.of(required(DIST_PROPERTY));
            Path realm = Path.of(required(REALM_PROPERTY));
            Path work = Path.of(System.getProperty("tessera.testkit.dir", "target/testkit"), "keycloak")
                    .toAbsolutePath();
            shared = start(dist, realm, work, Duration.ofMinutes(4));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "keycloak-stop"));
        }
        return shared;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}, or {@code http://localhost:8180} on a fixed port. */
    public String baseUrl() {
        return "http://" + host + ":" + port;
    }

    /** The issuer and discovery base of a realm. */
    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public int port() {
        return port;
    }

    /** The server's console output. */
    public Path log() {
        return log;
    }

    /** The bootstrap administrator's password, made for this start (user {@value #ADMIN_USER}). */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * The raw token endpoint answer (JSON) for the bootstrap administrator, whose access token the
     * admin REST API ({@code /admin/realms/...}) accepts.
     */
    public HttpResponse<String> adminToken() {
        return passwordGrant("master", "admin-cli", null, ADMIN_USER, adminPassword);
    }

    /** The raw token endpoint answer (JSON) for a resource-owner password grant. */
    public HttpResponse<String> passwordGrant(
            String realm, String clientId, String clientSecret, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return tokenRequest(realm, form);
    }

    /** The raw token endpoint answer (JSON) for a client-credentials grant. */
    public HttpResponse<String> clientCredentials(String realm, String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return tokenRequest(realm, form);
    }

    /**
     * Makes sure the group at {@code path} (for example {@code /other/finance}) exists in the realm,
     * creating every missing group along the path through the admin REST API, as an operator would.
     */
    public void ensureGroup(String realm, String path) {
        String admin = adminAccessToken();
        String parentId = null;
        StringBuilder current = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            current.append('/').append(segment);
            HttpResponse<String> found = admin(admin, "GET", realm, "/group-by-path" + current, null);
            if (found.statusCode() == 200) {
                parentId = jsonString(found.body(), "id");
                continue;
            }
            String body = "{\"name\":\"" + segment + "\"}";
            HttpResponse<String> created = parentId == null
                    ? admin(admin, "POST", realm, "/groups", body)
                    : admin(admin, "POST", realm, "/groups/" + parentId + "/children", body);
            expect(created, 201, "create group " + current);
            parentId = lastSegment(created.headers().firstValue("Location").orElseThrow());
        }
    }

    /**
     * Creates an enabled user with a password, the given realm roles and membership of the given
     * groups (full paths, which must exist), through the admin REST API.
     */
    public void createUser(String realm, String username, String password, List<String> roles, List<String> groups) {
        String admin = adminAccessToken();
        String groupList = groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(","));
        String body = "{\"username\":\"" + username + "\",\"enabled\":true,\"emailVerified\":true,"
                + "\"firstName\":\"Test\",\"lastName\":\"" + username + "\",\"email\":\"" + username
                + "@example.org\",\"credentials\":[{\"type\":\"password\",\"value\":\"" + password
                + "\",\"temporary\":false}],\"groups\":[" + groupList + "]}";
        HttpResponse<String> created = admin(admin, "POST", realm, "/users", body);
        expect(created, 201, "create user " + username);
        String userId = lastSegment(created.headers().firstValue("Location").orElseThrow());
        List<String> representations = new java.util.ArrayList<>();
        for (String role : roles) {
            HttpResponse<String> found = admin(admin, "GET", realm, "/roles/" + role, null);
            expect(found, 200, "read role " + role);
            representations.add(found.body());
        }
        if (!representations.isEmpty()) {
            expect(
                    admin(
                            admin,
                            "POST",
                            realm,
                            "/users/" + userId + "/role-mappings/realm",
                            "[" + String.join(",", representations) + "]"),
                    204,
                    "grant roles " + roles + " to " + username);
        }
    }

    private String adminAccessToken() {
        HttpResponse<String> token = adminToken();
        expect(token, 200, "admin token");
        return jsonString(token.body(), "access_token");
    }

    private HttpResponse<String> admin(String token, String method, String realm, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "Keycloak answered " + response.statusCode() + " to " + what + ": " + response.body());
        }
    }

    private static String jsonString(String json, String field) {
        var m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + field + "\" in " + json);
        }
        return m.group(1);
    }

    private static String lastSegment(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Stops the server (SIGTERM, then forcibly after 30 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Runs Keycloak outside tests: {@code KeycloakServer <dist.zip> <realm.json> <workDir>}; prints
     * the realm URL and stays up until the JVM is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KeycloakServer <keycloak-quarkus-dist.zip> <realm-export.json> <work-dir>");
            System.exit(2);
        }
        Path realm = Path.of(args[1]);
        KeycloakServer server =
                start(Path.of(args[0]), realm, Path.of(args[2]).toAbsolutePath(), Duration.ofMinutes(5));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
        System.out.println("Keycloak ready at " + server.realmUrl(realmName(realm)) + " (log " + server.log() + ")");
        server.process.waitFor();
    }

    private HttpResponse<String> tokenRequest(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitRealm(String realm, Duration timeout) {
        URI discovery = URI.create(realmUrl(realm) + "/.well-known/openid-configuration");
        await("Keycloak realm " + realm)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Keycloak exited with " + process.exitValue());
                    }
                    return http.send(
                                            HttpRequest.newBuilder(discovery)
                                                    .timeout(Duration.ofSeconds(5))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    private static String realmName(Path export) {
        try {
            String json = Files.readString(export);
            var m = java.util.regex.Pattern.compile("\"realm\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(json);
            if (!m.find()) {
                throw new IllegalArgumentException("no \"realm\" in " + export);
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unpack(Path zip, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        String version = zip.getFileName().toString().replace(".zip", "");
        Path marker = workDir.resolve(version + ".unpacked");
        Path target = workDir.resolve(version);
        if (!Files.exists(marker)) {
            deleteTree(target);
            try (InputStream in = Files.newInputStream(zip);
                    ZipInputStream entries = new ZipInputStream(in)) {
                ZipEntry entry;
                while ((entry = entries.getNextEntry()) != null) {
                    // Drop the archive's top folder (keycloak-<version>/) so the home is `target`.
                    String name = entry.getName();
                    int slash = name.indexOf('/');
                    String inner = slash < 0 ? "" : name.substring(slash + 1);
                    if (inner.isEmpty()) {
                        continue;
                    }
                    Path out = target.resolve(inner).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("zip entry escapes the target folder: " + name);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (Stream<Path> scripts = Files.list(target.resolve("bin"))) {
                for (Path script :
                        scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    Files.setPosixFilePermissions(
                            script,
                            EnumSet.of(
                                    PosixFilePermission.OWNER_READ,
                                    PosixFilePermission.OWNER_WRITE,
                                    PosixFilePermission.OWNER_EXECUTE,
                                    PosixFilePermission.GROUP_READ,
                                    PosixFilePermission.GROUP_EXECUTE));
                }
            }
            Files.createFile(marker);
        }
        return target;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set the system property " + property
                    + " (the gateway module's surefire configuration does, from the local Maven repository).");
        }
        return value;
    }
}
