package dev.tessera.cli.lint;

import dev.tessera.cli.CliException;
import dev.tessera.cli.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The descriptor files a command line names: files as given, directories walked for YAML and JSON files. */
public final class DescriptorFiles {

    private DescriptorFiles() {}

    /**
     * The files, each directory expanded to the {@code .yaml}, {@code .yml} and {@code .json} files below it (hidden
     * folders such as {@code .git} skipped), sorted so that runs are repeatable.
     *
     * @throws CliException with {@link ExitCodes#USAGE} when a named path does not exist
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(file -> !hidden(path, file))
                            .filter(DescriptorFiles::isDescriptorName)
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new CliException("no such file or directory: " + path, ExitCodes.USAGE);
            }
        }
        return files;
    }

    private static boolean isDescriptorName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
