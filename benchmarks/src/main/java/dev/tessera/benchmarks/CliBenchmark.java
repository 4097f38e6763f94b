package dev.tessera.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-to-answer of {@code tessera lint}: one descriptor and a directory of 1,000, through {@code bin/tessera} as a
 * person runs it, beside the floor of any Java command line, {@code java -version} with the launcher's JVM options,
 * measured in the same run and alternated with it so both see the same machine. Goal: one file answers in under
 * 0.5 s (median). The class-data archive the launcher writes on its first run is warmed before measuring, as it is
 * for anyone after their first command.
 */
final class CliBenchmark {

    /** The JVM options bin/tessera starts with, class-data archive aside. */
    private static final List<String> LAUNCHER_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private static final int FILES = 1_000;

    private final Path root;
    private final int runs = Integer.getInteger("bench.cli.runs", 20);
    private final int manyRuns = Integer.getInteger("bench.cli.manyRuns", 5);

    CliBenchmark(Path root) {
        this.root = root;
    }

    void run() throws Exception {
        Path launcher = root.resolve("bin/tessera");
        if (!Files.isRegularFile(root.resolve("cli/target/tessera-cli.jar"))) {
            throw new IllegalStateException("cli/target/tessera-cli.jar is missing; the bench profile builds it with"
                    + " -am (./mvnw -Pbench -pl benchmarks -am verify -DskipTests -Dbench=cli)");
        }
        Path work = Files.createTempDirectory("tessera-cli-bench");
        Path one = root.resolve("docs/examples/retail-loyalty.odps.yaml");
        Path many = Files.createDirectories(work.resolve("products"));
        String descriptor = Files.readString(one, StandardCharsets.UTF_8);
        for (int i = 0; i < FILES; i++) {
            Files.writeString(
                    many.resolve("product-" + i + ".odps.yaml"),
                    descriptor.replace("id: retail-loyalty", "id: retail-loyalty-" + i));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> floor = new ArrayList<>(List.of(java));
        floor.addAll(LAUNCHER_FLAGS);
        floor.add("-version");
        List<String> lintOne = List.of(launcher.toString(), "lint", one.toString());
        List<String> lintMany = List.of(launcher.toString(), "lint", many.toString());

        String loadBefore = loadAverage();
        // The first runs write the launcher's class-data archive and warm the file cache.
        for (int i = 0; i < 3; i++) {
            time(lintOne, work, 0);
            time(floor, work, 0);
        }
        long[] oneSamples = new long[runs];
        long[] floorSamples = new long[runs];
        for (int i = 0; i < runs; i++) {
            oneSamples[i] = time(lintOne, work, 0);
            floorSamples[i] = time(floor, work, 0);
        }
        long[] manySamples = new long[manyRuns];
        for (int i = 0; i < manyRuns; i++) {
            manySamples[i] = time(lintMany, work, 0);
        }
        Stats lint = new Stats(oneSamples);
        Stats jvm = new Stats(floorSamples);
        Stats bulk = new Stats(manySamples);
        ResultTable table = new ResultTable("tessera lint, start to answer, " + runs + " runs each ("
                + Runtime.getRuntime().availableProcessors()
                + " cores, load average " + loadBefore + " before, " + loadAverage()
                + " after); floor: java -version with the launcher's flags");
        table.goal(
                "lint 1 file, median",
                lint.percentileMillis(50),
                jvm.percentileMillis(50),
                "ms",
                "< 500 ms",
                lint.percentileMillis(50) < 500);
        table.add("lint 1 file, p90", lint.percentileMillis(90), jvm.percentileMillis(90), "ms", "");
        table.add(
                "lint " + FILES + " files, median of " + manyRuns,
                bulk.percentileMillis(50),
                jvm.percentileMillis(50),
                "ms",
                String.format("%.2f ms per file", bulk.percentileMillis(50) / FILES));
        table.print();
    }

    /** The machine's load average: on a shared machine the figures must be read against it. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Wall time of one run from start to exit, in nanoseconds; the run must answer with {@code expected}. */
    private static long time(List<String> command, Path directory, int expected)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end in 5 minutes");
        }
        long elapsed = System.nanoTime() - start;
        if (process.exitValue() != expected) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
        }
        return elapsed;
    }
}
