package dev.tessera.standards.text;

/**
 * Puts values a caller sent into error messages without letting the caller decide how long the message gets. A
 * message that repeats a field the caller made a megabyte long costs memory to build and bandwidth to send; a short
 * prefix identifies the value just as well. Quote text only: never render a caller's list or object into a message
 * (its {@code toString()} is the expansion this class exists to avoid); name its path instead.
 */
public final class UserText {

    /** Longest piece of a caller's value that any error message repeats, in characters. */
    public static final int MAX_QUOTED = 100;

    private UserText() {}

    /** The text cut to {@link #MAX_QUOTED} characters, with a trailing "…" when it was longer. */
    public static String truncate(String text) {
        return truncate(text, MAX_QUOTED);
    }

    /** The text cut to {@code max} characters, with a trailing "…" when it was longer. */
    public static String truncate(String text, int max) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= max) {
            return text;
        }
        // Never cut a surrogate pair in half.
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    /** The text truncated and in single quotes, as messages quote values. */
    public static String quote(String text) {
        return "'" + truncate(text) + "'";
    }
}
