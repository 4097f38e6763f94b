package dev.tessera.registry.standard;

import dev.tessera.platform.input.BoundedInputException;

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
}
