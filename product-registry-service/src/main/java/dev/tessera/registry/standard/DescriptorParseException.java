package dev.tessera.registry.standard;

/**
 * The body of a descriptor or contract could not be read: it is not well-formed JSON/YAML, or it breaks one of the
 * safety limits of {@link DescriptorParser}. This is always the caller's mistake, so the message says what to fix.
 */
public class DescriptorParseException extends RuntimeException {

    /** Value of {@link #line()} and {@link #column()} when the position is not known. */
    public static final int UNKNOWN = -1;

    private final int line;
    private final int column;

    public DescriptorParseException(String message) {
        this(message, UNKNOWN, UNKNOWN, null);
    }

    public DescriptorParseException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the problem, or {@link #UNKNOWN}. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or {@link #UNKNOWN}. */
    public int column() {
        return column;
    }

    /** Whether {@link #line()} and {@link #column()} point at the problem. */
    public boolean hasLocation() {
        return line != UNKNOWN;
    }
}
