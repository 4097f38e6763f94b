package dev.tessera.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void tokensAreReadableByTheirOwnerOnlyAndReadBackEqual() throws Exception {
        TokenStore store = new TokenStore(dir.resolve("tessera/token.json"));
        StoredTokens tokens = new StoredTokens("http://issuer", "tessera-cli", "access", 100, "refresh", 200);

        store.write(tokens);
        store.write(tokens);

        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(store.read()).contains(tokens);
        assertThat(Files.list(store.file().getParent())).containsExactly(store.file());
    }

    @Test
    void anAccessTokenNearItsEndCountsAsExpiredAndARefreshWithoutEndStaysValid() {
        StoredTokens tokens = new StoredTokens("http://issuer", "tessera-cli", "access", 1_000, "refresh", 0);

        assertThat(tokens.accessValid(900, 30)).isTrue();
        assertThat(tokens.accessValid(980, 30)).isFalse();
        assertThat(tokens.refreshValid(5_000)).isTrue();
    }

    @Test
    void anUnreadableFileIsNoLogin() throws Exception {
        Path file = Files.createDirectories(dir.resolve("tessera")).resolve("token.json");
        Files.writeString(file, "{not json");

        assertThat(new TokenStore(file).read()).isEmpty();
    }
}
