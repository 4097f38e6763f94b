package dev.tessera.registry.standard;

import dev.tessera.platform.input.BoundedInputException;

/**
 * The body of a descriptor or contract could not be read: it is not well-formed JSON/YAML, or it breaks one of the
 * safety limits of {@link DescriptorParser}. This is always the caller's mistake, so the message says what to fix.
 */
public class DescriptorParseException extends RuntimeException {

    /** Value of {@link #line()} and {@link #column()} when the position is not known. */
    public static final int UNKNOWN = -1;

    private final int line;
    private final int column;
    private final BoundedInputException.Limit limit;
    private final long limitValue;

    public DescriptorParseException(String message) {
        this(message, UNKNOWN, UNKNOWN, null);
    }

    public DescriptorParseException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.limit = null;
        this.limitValue = 0;
    }

    /** The platform reader's refusal, with its position and the limit it names. */
    public DescriptorParseException(BoundedInputException e) {
        super(e.getMessage(), e);
        this.line = e.line();
        this.column = e.column();
        this.limit = e.limit();
        this.limitValue = e.limitValue();
    }

    /** The safety limit the body crossed, or {@code null} when it is merely malformed. */
    public BoundedInputException.Limit limit() {
        return limit;
    }

    /** The value of {@link #limit()}; 0 when none was crossed. */
    public long limitValue() {
        return limitValue;
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
