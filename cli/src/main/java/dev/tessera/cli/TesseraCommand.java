package dev.tessera.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code tessera} command: data products as code from a terminal or a CI job. Its subcommands: {@link Main}. */
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
        })
public final class TesseraCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command");
    }
}
