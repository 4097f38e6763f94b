package dev.tessera.standards.input;

/**
 * A JSON or YAML body could not be read: it is malformed, or it crosses one of the {@link BoundedTreeReader.Limits}.
 * Always the caller's mistake; the message says what to change and never repeats more than a short prefix of what the
 * caller sent.
 */
public class BoundedInputException extends RuntimeException {

    /** Value of {@link #line()} and {@link #column()} when the position is not known. */
    public static final int UNKNOWN = -1;

    private final Limit limit;
    private final long limitValue;
    private final int line;
    private final int column;

    /** Which limit a body crossed; the name appears in problem documents. */
    public enum Limit {
        /** The body's own size in bytes. */
        MAX_BYTES("maxBytes"),
        /** The size of the tree the body describes: characters of every key and scalar. */
        MAX_TREE_CHARS("maxTreeChars"),
        /** Nesting of objects and arrays. */
        MAX_DEPTH("maxDepth"),
        /** YAML aliases, of which none are accepted. */
        NO_ALIASES("aliases");

        private final String label;

        Limit(String label) {
            this.label = label;
        }

        /** The name problem documents use. */
        public String label() {
            return label;
        }
    }

    /** A malformed body: no limit crossed. */
    public BoundedInputException(String message, int line, int column, Throwable cause) {
        this(message, null, 0, line, column, cause);
    }

    /** A body that crossed {@code limit}, whose value is {@code limitValue}. */
    public BoundedInputException(String message, Limit limit, long limitValue, int line, int column) {
        this(message, limit, limitValue, line, column, null);
    }

    /** The same refusal, restated by a caller that reads documents of its own kind (a descriptor, say). */
    protected BoundedInputException(BoundedInputException refusal) {
        this(refusal.getMessage(), refusal.limit, refusal.limitValue, refusal.line, refusal.column, refusal);
    }

    private BoundedInputException(String message, Limit limit, long limitValue, int line, int column, Throwable cause) {
        // No stack trace: thrown on hostile input, and always mapped to a 4xx.
        super(message, cause, false, false);
        this.limit = limit;
        this.limitValue = limitValue;
        this.line = line;
        this.column = column;
    }

    /** The limit crossed, or {@code null} for a malformed body. */
    public Limit limit() {
        return limit;
    }

    /** The configured value of {@link #limit()}; 0 when none was crossed. */
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
