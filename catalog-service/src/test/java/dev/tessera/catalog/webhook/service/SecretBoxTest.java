package dev.tessera.catalog.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

    private static SecretBox box(String key) {
        return new SecretBox(key);
    }

    @Test
    void aSealedSecretOpensForItsSubscriptionAndDoesNotShowTheSecret() {
        UUID subscription = UUID.randomUUID();
        String sealed = box(KEY).seal(subscription, "a-secret-of-at-least-16-chars");

        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain("a-secret");
        assertThat(box(KEY).open(subscription, sealed)).isEqualTo("a-secret-of-at-least-16-chars");
        assertThat(box(KEY).seal(subscription, "a-secret-of-at-least-16-chars"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
    }

    @Test
    void aSealedSecretDoesNotOpenForAnotherSubscriptionOrUnderAnotherKey() {
        UUID subscription = UUID.randomUUID();
        String sealed = box(KEY).seal(subscription, "a-secret-of-at-least-16-chars");

        assertThatThrownBy(() -> box(KEY).open(UUID.randomUUID(), sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> box(OTHER_KEY).open(subscription, sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecretStoredBeforeSealingIsReadAsStored() {
        assertThat(box(KEY).open(UUID.randomUUID(), "bare-secret-from-before")).isEqualTo("bare-secret-from-before");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBase64BytesStopsTheStartWithHowToMakeOne() {
        assertThatThrownBy(() -> SecretBox.parse("too-short"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openssl rand -base64 32");
        SecretKey key = SecretBox.parse(KEY);
        assertThat(key.getEncoded()).hasSize(32);
    }
}
