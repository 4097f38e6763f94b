package dev.tessera.governance.policy.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A CEL expression that does not parse or type-check; carries every issue with its position. */
public class PolicyCompileException extends Exception {

    private final List<CompileIssue> issues;

    public PolicyCompileException(List<CompileIssue> issues) {
        super(issues.stream().map(CompileIssue::toString).collect(Collectors.joining("; ")), null, false, false);
        this.issues = List.copyOf(issues);
    }

    public List<CompileIssue> issues() {
        return issues;
    }
}
