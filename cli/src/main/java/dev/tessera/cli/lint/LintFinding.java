package dev.tessera.cli.lint;

/**
 * One problem in one file, where an editor can jump to it.
 *
 * @param file the file as it was named on the command line (or found below a named directory)
 * @param line 1-based line of the member the problem concerns (its parent's, when the member is missing)
 * @param column 1-based column of that member
 * @param severity {@code error} (the registry would refuse the file) or {@code warning}
 * @param pointer JSON Pointer to the member inside the document; for a bundle, prefixed by {@code /documents/<i>}
 * @param message what is wrong and what to do
 */
public record LintFinding(String file, int line, int column, String severity, String pointer, String message) {

    /** Whether the registry would refuse the file for this finding. */
    public boolean isError() {
        return severity.equals("error");
    }

    /** The line compilers and editors understand: {@code file:line:column: severity pointer message}. */
    public String describe() {
        return file + ":" + line + ":" + column + ": " + severity + " " + (pointer.isEmpty() ? "/" : pointer) + " "
                + message;
    }
}
