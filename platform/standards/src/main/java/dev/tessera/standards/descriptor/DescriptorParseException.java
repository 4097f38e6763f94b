package dev.tessera.standards.descriptor;

import dev.tessera.standards.input.BoundedInputException;

/**
 * The body of a descriptor or contract could not be read: it is not well-formed JSON/YAML, or it breaks one of the
 * safety limits of {@link DescriptorParser}. This is always the caller's mistake, so the message says what to fix.
 */
public class DescriptorParseException extends BoundedInputException {

    public DescriptorParseException(String message) {
        this(message, UNKNOWN, UNKNOWN, null);
    }

    public DescriptorParseException(String message, int line, int column, Throwable cause) {
        super(message, line, column, cause);
    }

    /** The platform reader's refusal, with its position and the limit it names. */
    public DescriptorParseException(BoundedInputException e) {
        super(e);
    }

    /**
     * The same refusal about one document of a YAML stream: the message names the document by its index, and the line
     * counts from the start of the stream.
     *
     * @param linesBefore lines of the stream before the document
     */
    DescriptorParseException inDocument(int index, int linesBefore) {
        String message = "Document " + index + " of the stream: " + getMessage();
        int line = hasLocation() ? line() + linesBefore : UNKNOWN;
        BoundedInputException moved = limit() == null
                ? new BoundedInputException(message, line, column(), this)
                : new BoundedInputException(message, limit(), limitValue(), line, column());
        return new DescriptorParseException(moved);
    }
}
