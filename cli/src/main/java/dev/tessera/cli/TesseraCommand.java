package dev.tessera.cli;

import dev.tessera.cli.access.AccessCommand;
import dev.tessera.cli.auth.LoginCommand;
import dev.tessera.cli.catalog.SearchCommand;
import dev.tessera.cli.lineage.LineageCommand;
import dev.tessera.cli.lint.LintCommand;
import dev.tessera.cli.product.ApplyCommand;
import dev.tessera.cli.product.DiffCommand;
import dev.tessera.cli.product.PublishCommand;
import dev.tessera.cli.product.StatusCommand;
import dev.tessera.cli.quality.TestCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code tessera} command: data products as code from a terminal or a CI job. */
@Command(
        name = "tessera",
        mixinStandardHelpOptions = true,
        version = "tessera 0.1.0",
        description = "Data products as code: lint, diff and apply descriptors, publish, test contracts.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 could not act, 2 wrong command line, 3 findings (lint errors, breaking changes,",
            "refused apply or publication, failed checks).",
            "Environment: TESSERA_URL (gateway), TESSERA_ISSUER (identity provider), TESSERA_CLIENT_ID and",
            "TESSERA_CLIENT_SECRET (CI: client credentials), TESSERA_TOKEN (a bearer token to use as is)."
        },
        subcommands = {
            LintCommand.class,
            LoginCommand.class,
            DiffCommand.class,
            ApplyCommand.class,
            PublishCommand.class,
            StatusCommand.class,
            SearchCommand.class,
            LineageCommand.class,
            AccessCommand.class,
            TestCommand.class
        })
public final class TesseraCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command");
    }
}
