package dev.tessera.cli;

/**
 * A command could not go on, for a reason the person at the terminal can act on. {@link Main} prints the message as one
 * line and exits with {@link #exitCode()}; no stack trace, since the message is the whole story.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(String message) {
        this(message, ExitCodes.FAILURE);
    }

    public CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** One of {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
