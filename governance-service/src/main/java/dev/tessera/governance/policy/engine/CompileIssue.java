package dev.tessera.governance.policy.engine;

/**
 * One syntax or type error in a CEL expression.
 *
 * @param line 1-based line in the expression
 * @param column 1-based column in that line
 * @param message what is wrong, as CEL reports it
 */
public record CompileIssue(int line, int column, String message) {

    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
