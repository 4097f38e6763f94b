package dev.tessera.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tessera} command line as a person runs it: {@code bin/tessera} in its own process, pointed at the shared
 * stack's gateway and Keycloak, with its own configuration directory (where {@code login} keeps tokens).
 */
final class TesseraCommandLine {

    /** What one run answered. */
    record Result(int exitCode, String stdout, String stderr) {

        List<String> lines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path launcher;
    private final Map<String, String> environment = new HashMap<>();
    private final Path config;

    TesseraCommandLine(LocalStack stack, Path home) {
        Path root = Path.of(System.getProperty("tessera.root", "../.."))
                .toAbsolutePath()
                .normalize();
        this.launcher = root.resolve("bin/tessera");
        this.config = home.resolve("config");
        environment.put(
                "TESSERA_URL",
                "http://127.0.0.1:" + stack.service(PlatformService.GATEWAY).port());
        environment.put("TESSERA_ISSUER", stack.keycloak().realmUrl("tessera"));
        environment.put("XDG_CONFIG_HOME", config.toString());
        // One class-data archive for every run of the test, kept beside the build's other output.
        environment.put(
                "XDG_CACHE_HOME", root.resolve("deploy/local/target/cli-cache").toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
    }

    /** Where {@code login} keeps the tokens. */
    Path tokenFile() {
        return config.resolve("tessera/token.json");
    }

    /** Runs {@code tessera args} with the bearer token given as {@code TESSERA_TOKEN}. */
    Result as(String token, String... args) {
        return run(Map.of("TESSERA_TOKEN", token), args);
    }

    /** Runs {@code tessera args} with {@code env} added to the environment. */
    Result run(Map<String, String> env, String... args) {
        Process process = start(env, args);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("tessera " + String.join(" ", args) + " did not end in 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /** Starts {@code tessera args} and leaves it running, for commands that wait for someone (a device login). */
    Process start(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("TESSERA_"));
        builder.environment().putAll(environment);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(config);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a running process's stderr line by line until a line starts with {@code prefix}; returns the line. */
    static String awaitLine(Process process, String prefix) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("the process ended without a line starting with '" + prefix + "'");
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
