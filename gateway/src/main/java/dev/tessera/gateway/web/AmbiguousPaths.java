package dev.tessera.gateway.web;

/**
 * Paths whose meaning depends on who decodes them: a backend could read such a path differently
 * from the gateway's permission check, so the gateway never forwards one.
 *
 * <p>Refused: the encoded separators and specials {@code %2F %5C %2E %25 %00} (either case), a
 * backslash, a {@code ;} (matrix parameters), an empty segment ({@code //}), and any segment that
 * ends in a dot ({@code .}, {@code ..}, {@code name.}), which covers dot segments and the trailing
 * dots some servers strip. One pass over the characters, no allocation: it runs on every request.
 */
final class AmbiguousPaths {

    private AmbiguousPaths() {}

    /** True if the raw request target's path (up to any {@code ?}) is ambiguous. */
    static boolean isAmbiguous(String rawUri) {
        int end = rawUri.indexOf('?');
        if (end < 0) {
            end = rawUri.length();
        }
        for (int i = 0; i < end; i++) {
            switch (rawUri.charAt(i)) {
                case '\\', ';' -> {
                    return true;
                }
                case '/' -> {
                    if (i + 1 < end && rawUri.charAt(i + 1) == '/') {
                        return true;
                    }
                }
                case '.' -> {
                    if (i + 1 == end || rawUri.charAt(i + 1) == '/') {
                        return true;
                    }
                }
                case '%' -> {
                    if (i + 2 < end && isRefusedEscape(rawUri.charAt(i + 1), rawUri.charAt(i + 2))) {
                        return true;
                    }
                }
                default -> {
                    // an ordinary character
                }
            }
        }
        return false;
    }

    /** {@code %2F %5C %2E %25 %00}, hex digits in either case. */
    private static boolean isRefusedEscape(char first, char second) {
        char low = Character.toLowerCase(second);
        return switch (first) {
            case '2' -> low == 'f' || low == 'e' || low == '5';
            case '5' -> low == 'c';
            case '0' -> second == '0';
            default -> false;
        };
    }
}
