package dev.tessera.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tessera} as its own process, as a person or a CI job would: a separate JVM on the command line's class
 * path, with its own environment, so exit codes, stdout and stderr are what a shell sees.
 */
public final class CliProcess {

    /**
     * What one run answered.
     *
     * @param exitCode the process's exit code
     * @param stdout everything it wrote to stdout
     * @param stderr everything it wrote to stderr
     */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The stdout lines. */
        public List<String> lines() {
            return stdout.lines().toList();
        }
    }

    private CliProcess() {}

    /** Runs the command line with {@code args} in {@code directory}, adding {@code env} to the environment. */
    public static Result run(Path directory, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().remove("TESSERA_URL");
        builder.environment().remove("TESSERA_TOKEN");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("tessera " + String.join(" ", args) + " did not end in 3 minutes");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
