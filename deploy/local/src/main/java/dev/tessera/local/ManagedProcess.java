package dev.tessera.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One platform process: a packaged Quarkus application started with {@code java -jar}, its output
 * streamed to its own log file, considered up once its readiness endpoint answers 200.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final List<String> command;
    private Process process;

    private ManagedProcess(String name, int port, Path log, List<String> command) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.command = command;
    }

    /**
     * Prepares (does not start) {@code jar} as process {@code name} listening on {@code port}, with
     * {@code settings} as system properties.
     */
    public static ManagedProcess of(
            String name, Path jar, int port, Map<String, String> settings, List<String> jvmOptions, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built: " + jar + " is missing. Build with"
                    + " `./mvnw -pl deploy/local -am package -DskipTests` first.");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return new ManagedProcess(name, port, logDir.resolve(name + ".log"), command);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The process id while running, for memory figures. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the process (appending to its log) without waiting for it. */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new StackException("could not start " + name + ": " + e.getMessage());
        }
    }

    /** Waits until readiness answers 200; fails with the last lines of the log if it exits or times out. */
    public void awaitReady(Duration timeout) {
        try {
            Awaitility.await("readiness of " + name)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!isAlive()) {
                            throw new StackException(name + " exited while starting (exit code " + process.exitValue()
                                    + "). Last lines of " + log + ":\n" + tail(30));
                        }
                        return isReady();
                    });
        } catch (ConditionTimeoutException e) {
            throw new StackException(
                    name + " did not become ready within " + timeout + ". Last lines of " + log + ":\n" + tail(30));
        }
    }

    /** True when the readiness endpoint answers 200 right now. */
    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(uri("/q/health/ready"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process at once, as a crash would (resilience tests). */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** Asks the process to stop (SIGTERM: Quarkus shuts down gracefully) and waits for it. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(20))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
