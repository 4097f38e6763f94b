package dev.tessera.standards.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.standards.input.BoundedInputException.Limit;
import dev.tessera.standards.text.UserText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedTreeReaderTest {

    private static final BoundedTreeReader READER = new BoundedTreeReader(new BoundedTreeReader.Limits(4_096, 200, 5));

    @Test
    void refusesEveryAliasAsTheParserMeetsIt() {
        String scalarBomb = "a: &s \"" + "x".repeat(1_000) + "\"\nid: [" + "*s, ".repeat(99) + "*s]\n";
        BoundedTreeReader roomy = new BoundedTreeReader(BoundedTreeReader.Limits.DOCUMENTS);

        assertThatThrownBy(() -> roomy.read(bytes(scalarBomb), true))
                .isInstanceOfSatisfying(BoundedInputException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.NO_ALIASES);
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThatThrownBy(() -> roomy.read(bytes("a: &a [x]\nb: *a\n"), true))
                .isInstanceOfSatisfying(
                        BoundedInputException.class, e -> assertThat(e.limit()).isEqualTo(Limit.NO_ALIASES));
    }

    @Test
    void countsEveryKeyAndScalarAgainstTheTreeBudget() {
        assertThat(READER.read(bytes("k: " + "v".repeat(150) + "\n"), true)
                        .get("k")
                        .asText())
                .hasSize(150);

        assertThatThrownBy(() -> READER.read(bytes("a: " + "v".repeat(150) + "\nb: " + "w".repeat(60) + "\n"), true))
                .isInstanceOfSatisfying(BoundedInputException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.MAX_TREE_CHARS);
                    assertThat(e.limitValue()).isEqualTo(200);
                    assertThat(e.getMessage()).contains("200");
                });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void capsNesting(boolean yaml) {
        assertThat(READER.read(bytes("{\"a\": [[[[1]]]]}"), yaml)).isNotNull();

        assertThatThrownBy(() -> READER.read(bytes("{\"a\": [[[[[1]]]]]}"), yaml))
                .isInstanceOf(BoundedInputException.class)
                .hasMessageContaining("nested deeper than 5");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesBodiesOverTheByteLimit(boolean yaml) {
        assertThatThrownBy(() -> READER.read(bytes("{\"a\": \"" + "x".repeat(5_000) + "\"}"), yaml))
                .isInstanceOfSatisfying(
                        BoundedInputException.class, e -> assertThat(e.limit()).isEqualTo(Limit.MAX_BYTES));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void quotesAtMostAShortPrefixOfTheCallersText(boolean yaml) {
        BoundedTreeReader roomy = new BoundedTreeReader(BoundedTreeReader.Limits.DOCUMENTS);
        String key = "k".repeat(1_000);
        String body = yaml ? key + ": 1\n" + key + ": 2\n" : "{\"" + key + "\": 1, \"" + key + "\": 2}";

        assertThatThrownBy(() -> roomy.read(bytes(body), yaml))
                .isInstanceOf(BoundedInputException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("k".repeat(UserText.MAX_QUOTED + 1))
                        .contains("…"));
    }

    @Test
    void truncatesWithoutSplittingASurrogatePair() {
        String text = "a".repeat(UserText.MAX_QUOTED - 1) + "😀" + "b";

        assertThat(UserText.truncate(text)).isEqualTo("a".repeat(UserText.MAX_QUOTED - 1) + "…");
        assertThat(UserText.truncate("short")).isEqualTo("short");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
