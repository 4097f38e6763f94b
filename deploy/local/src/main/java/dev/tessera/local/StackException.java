package dev.tessera.local;

/** A reason the local stack cannot start, worded for the person who ran it. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }
}
