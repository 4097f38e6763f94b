package dev.tessera.standards.descriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The official ODPS and ODCS examples bundled as test resources (see corpus/NOTICE.md for their licences). */
final class Corpus {

    private Corpus() {}

    static List<Path> odpsExamples() {
        return files("/corpus/odps/examples", ".odps.yaml");
    }

    static List<Path> odcsExamples() {
        return files("/corpus/odcs/examples", ".odcs.yaml");
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Name relative to the examples folder, readable in parameterised test names. */
    static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    private static List<Path> files(String folder, String suffix) {
        URL url = Corpus.class.getResource(folder);
        if (url == null) {
            throw new IllegalStateException(folder + " is missing from the test classpath");
        }
        try (Stream<Path> paths = Files.walk(Path.of(url.toURI()))) {
            return paths.filter(path -> path.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
