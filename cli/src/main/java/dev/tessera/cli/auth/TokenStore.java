package dev.tessera.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.cli.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The signed-in person's tokens, in {@code $XDG_CONFIG_HOME/tessera/token.json} (or {@code ~/.config/tessera}). The
 * file is created with mode 0600 before anything is written into it, and replaced atomically, so another user never
 * reads a token and a crash never leaves half a file.
 */
public final class TokenStore {

    private final Path file;

    public TokenStore(Path file) {
        this.file = file;
    }

    /** The store at the user's configuration directory. */
    public static TokenStore forUser() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config =
                xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new TokenStore(config.resolve("tessera").resolve("token.json"));
    }

    /** Where the tokens are kept. */
    public Path file() {
        return file;
    }

    /** The stored tokens, if any. */
    public Optional<StoredTokens> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Output.JSON.readTree(file.toFile());
            return Optional.of(Output.JSON.treeToValue(node, StoredTokens.class));
        } catch (IOException e) {
            // An unreadable cache is no login: the next 'tessera login' overwrites it.
            return Optional.empty();
        }
    }

    /** Replaces the stored tokens. */
    public void write(StoredTokens tokens) {
        try {
            Path folder = Files.createDirectories(file.getParent());
            Path temporary = folder.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary);
            }
            Files.write(temporary, Output.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokens));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the token to " + file, e);
        }
    }
}
