package dev.tessera.platform.input;

/**
 * A body held text or a number that {@link dev.tessera.standards.input.StorableInput} refuses, found while it was read into a
 * tree (where the field's path is not known); answered as a 400 problem.
 */
public class UnstorableInputException extends RuntimeException {

    public UnstorableInputException(String message) {
        super(message);
    }
}
