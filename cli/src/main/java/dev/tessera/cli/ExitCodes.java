package dev.tessera.cli;

/**
 * What {@code tessera} answers with, the same for every command, so scripts and CI can tell a finding from a failure.
 */
public final class ExitCodes {

    /** Done, nothing found. */
    public static final int OK = 0;

    /** Could not do what was asked: unreachable server, refused credentials, a server error, an unreadable file. */
    public static final int FAILURE = 1;

    /** The command line itself is wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;

    /**
     * Done, and it found something the caller must act on: lint errors, breaking changes, a refused apply or
     * publication, failed contract checks.
     */
    public static final int FINDINGS = 3;

    private ExitCodes() {}
}
