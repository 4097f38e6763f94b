package dev.tessera.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintStream;

/**
 * Where a command's answer goes: people get lines of text on stdout, machines one JSON document; progress goes to
 * stderr and only when someone is watching (a terminal, or {@code --progress}), so pipes stay clean.
 */
public final class Output {

    /** The one mapper the command line writes and reads JSON with. */
    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final boolean json;
    private final boolean progress;
    private final PrintStream out;
    private final PrintStream err;

    public Output(boolean json, boolean progress) {
        this(json, progress, System.out, System.err);
    }

    Output(boolean json, boolean progress, PrintStream out, PrintStream err) {
        this.json = json;
        this.progress = progress;
        this.out = out;
        this.err = err;
    }

    /** Whether the answer is JSON; text lines are then not printed. */
    public boolean json() {
        return json;
    }

    /** A line of the text answer; nothing in JSON mode. */
    public void line(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** The JSON answer; nothing in text mode. */
    public void document(Object value) {
        if (json) {
            try {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Could not write the answer as JSON", e);
            }
        }
    }

    /** A progress note on stderr, when someone is watching. */
    public void progress(String text) {
        if (progress) {
            err.println(text);
        }
    }

    /** A message for the person at the terminal whatever the format (instructions to follow, say), on stderr. */
    public void notice(String text) {
        err.println(text);
    }
}
