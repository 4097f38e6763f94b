package dev.tessera.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Options every command takes: where the platform is, how to answer, whether to show progress. */
public final class CommonOptions {

    /** How a command writes its answer. */
    public enum Format {
        text,
        json
    }

    @Option(
            names = "--url",
            paramLabel = "URL",
            defaultValue = "${env:TESSERA_URL:-http://localhost:8080}",
            description = "The Tessera gateway (default: $TESSERA_URL, else ${DEFAULT-VALUE}).")
    URI url;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (for people) or json (for machines); default ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--progress", description = "Show progress on stderr even when it is not a terminal.")
    boolean progress;

    /** The gateway, without a trailing slash, so paths can be appended. */
    public String baseUrl() {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The output for this invocation. */
    public Output output() {
        return new Output(format == Format.json, progress || System.console() != null);
    }
}
