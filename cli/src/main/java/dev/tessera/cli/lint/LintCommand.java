package dev.tessera.cli.lint;

import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tessera lint PATH...}: offline checks of products and contracts, one line per finding. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Check ODPS products (with inline ODCS contracts), ODCS contracts and bundles offline, with the",
            "registry's own schemas and rules. Each finding: file:line:column: severity pointer message.",
            "Exit 3 when any file has an error."
        })
public final class LintCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Files, or directories to search for .yaml, .yml and .json files.")
    List<Path> paths;

    /** The JSON answer. */
    record Report(int files, int errors, int warnings, List<LintFinding> findings) {}

    @Override
    public Integer call() {
        Output output = common.output();
        List<Path> files = DescriptorFiles.expand(paths);
        Set<Path> named = Set.copyOf(paths);
        Linter linter = new Linter();
        List<LintFinding> findings = new ArrayList<>();
        int done = 0;
        for (Path file : files) {
            List<LintFinding> found = linter.lint(file, named.contains(file));
            findings.addAll(found);
            found.forEach(finding -> output.line(finding.describe()));
            if (++done % 100 == 0) {
                output.progress("linted " + done + " of " + files.size() + " files");
            }
        }
        int errors = (int) findings.stream().filter(LintFinding::isError).count();
        int warnings = findings.size() - errors;
        long failed = findings.stream()
                .filter(LintFinding::isError)
                .map(LintFinding::file)
                .distinct()
                .count();
        output.line(files.size() + " file(s) checked: "
                + (errors == 0 ? "no errors" : errors + " error(s) in " + failed + " file(s)")
                + (warnings == 0 ? "" : ", " + warnings + " warning(s)"));
        output.document(new Report(files.size(), errors, warnings, findings));
        return errors == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
