package dev.tessera.standards.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.input.BoundedInputException;
import dev.tessera.standards.text.UserText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DescriptorParserTest {

    private static final DescriptorParser PARSER = Fixtures.PARSER;

    private static final String BILLION_LAUGHS = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    @Test
    void readsJsonAndYamlIntoEqualTrees() {
        JsonNode fromJson =
                PARSER.parse(bytes("{\"id\": \"orders\", \"tags\": [\"a\"], \"n\": 3, \"ok\": true}"), false);
        JsonNode fromYaml = PARSER.parse(bytes("id: orders\ntags: [a]\nn: 3\nok: true\n"), true);

        assertThat(fromYaml).isEqualTo(fromJson);
    }

    @Test
    void keepsYamlDatesAndTimestampsAsStrings() {
        JsonNode tree =
                PARSER.parse(bytes("date: 2022-10-03\nts: 2023-01-15T10:30:00Z\nexamples: [2022-10-03]\n"), true);

        assertThat(tree.get("date").isTextual()).isTrue();
        assertThat(tree.get("date").asText()).isEqualTo("2022-10-03");
        assertThat(tree.get("ts").asText()).isEqualTo("2023-01-15T10:30:00Z");
        assertThat(tree.get("examples").get(0).isTextual()).isTrue();
    }

    @Test
    void keepsYaml11LookalikesAsWrittenInsteadOfRetypingThem() {
        JsonNode tree = PARSER.parse(bytes("a: yes\nb: off\nc: 012\nd: 0x1F\ne: 1.0.0\nf: .inf\ng: 1_000\n"), true);

        assertThat(tree.properties())
                .allSatisfy(field -> assertThat(field.getValue().isTextual())
                        .as(field.getKey())
                        .isTrue());
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void keepsDecimalScaleExactly(boolean yaml) {
        byte[] body = yaml ? bytes("price: 10.50\n") : bytes("{\"price\": 10.50}");

        JsonNode tree = PARSER.parse(body, yaml);
        JsonNode reread = PARSER.parse(PARSER.write(tree, yaml), yaml);

        assertThat(tree.get("price").decimalValue()).isEqualTo(new BigDecimal("10.50"));
        assertThat(reread.get("price").decimalValue().toString()).isEqualTo("10.50");
        assertThat(reread).isEqualTo(tree);
    }

    @Test
    void refusesAliasesAndTheMergeKeysThatUseThem() {
        assertThatThrownBy(() -> PARSER.parse(bytes("base: &base {type: tables}\ncopy: *base\n"), true))
                .isInstanceOfSatisfying(DescriptorParseException.class, e -> {
                    assertThat(e.limit()).isEqualTo(BoundedInputException.Limit.NO_ALIASES);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("aliases");
                });
        assertThatThrownBy(() -> PARSER.parse(bytes("base: &base {type: tables}\nport:\n  <<: *base\n"), true))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void acceptsAnchorsWithoutAliasesAndMergeKeysWithInlineMappings() {
        JsonNode tree =
                PARSER.parse(bytes("base: &base {type: tables}\nport:\n  <<: {type: files, v: 1}\n  type: t\n"), true);

        assertThat(tree.get("base").get("type").asText()).isEqualTo("tables");
        assertThat(tree.get("port").get("type").asText()).isEqualTo("t");
        assertThat(tree.get("port").get("v").asInt()).isEqualTo(1);
    }

    @Test
    void refusesAliasesToALargeScalarBeforeExpandingThem() {
        // 2,000 aliases to 500 KB: SnakeYAML's own alias limit only counts aliases to lists and mappings.
        String bomb = "a: &s \"" + "x".repeat(500_000) + "\"\nid: [" + "*s, ".repeat(1_999) + "*s]\n";

        assertThatThrownBy(() -> PARSER.parse(bytes(bomb), true))
                .isInstanceOfSatisfying(DescriptorParseException.class, e -> {
                    assertThat(e.limit()).isEqualTo(BoundedInputException.Limit.NO_ALIASES);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage().length()).isLessThan(300);
                });
    }

    @Test
    void quotesOnlyAShortPrefixOfAValueInErrors() {
        String key = "k".repeat(1_000); // YAML allows implicit keys up to 1,024 characters

        for (boolean yaml : new boolean[] {true, false}) {
            String body = yaml ? key + ": 1\n" + key + ": 2\n" : "{\"" + key + "\": 1, \"" + key + "\": 2}";
            assertThatThrownBy(() -> PARSER.parse(bytes(body), yaml))
                    .isInstanceOf(DescriptorParseException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .as(yaml ? "yaml" : "json")
                            .doesNotContain("k".repeat(UserText.MAX_QUOTED + 1))
                            .contains("…"));
        }
    }

    @Test
    void reportsLineAndColumnOfMalformedJson() {
        assertThatThrownBy(() -> PARSER.parse(bytes("{\n  \"id\": \"orders\",\n  \"name\" \"x\"\n}"), false))
                .isInstanceOfSatisfying(DescriptorParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getMessage()).startsWith("Invalid JSON");
                });
    }

    @Test
    void reportsLineOfMalformedYaml() {
        assertThatThrownBy(() -> PARSER.parse(bytes("id: orders\ntags: [a, b\nname: x\n"), true))
                .isInstanceOfSatisfying(DescriptorParseException.class, e -> {
                    assertThat(e.hasLocation()).isTrue();
                    assertThat(e.line()).isGreaterThanOrEqualTo(2);
                });
    }

    static Stream<Arguments> duplicateKeys() {
        return Stream.of(
                Arguments.of("{\"id\": \"a\", \"id\": \"b\"}", false),
                Arguments.of("id: a\nname: x\nid: b\n", true),
                Arguments.of("port:\n  id: a\n  id: b\n", true));
    }

    @ParameterizedTest
    @MethodSource("duplicateKeys")
    void rejectsDuplicateKeys(String body, boolean yaml) {
        assertThatThrownBy(() -> PARSER.parse(bytes(body), yaml))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("Duplicate")
                .hasMessageContaining("id");
    }

    @Test
    void rejectsBillionLaughsQuickly() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> PARSER.parse(bytes(BILLION_LAUGHS), true))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("aliases");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void rejectsRecursiveAliases() {
        assertThatThrownBy(() -> PARSER.parse(bytes("a: &a [*a]\n"), true))
                .isInstanceOf(DescriptorParseException.class);
    }

    @Test
    void rejectsMultipleYamlDocuments() {
        assertThatThrownBy(() -> PARSER.parse(bytes("id: a\n---\nid: b\n"), true))
                .isInstanceOfSatisfying(DescriptorParseException.class, e -> {
                    assertThat(e.getMessage()).contains("more than one document");
                    assertThat(e.line()).isEqualTo(3);
                });
    }

    @Test
    void rejectsTrailingJsonContent() {
        assertThatThrownBy(() -> PARSER.parse(bytes("{\"id\": \"a\"} {\"id\": \"b\"}"), false))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("after the end");
    }

    static Stream<Arguments> nonObjectTopLevels() {
        return Stream.of(
                Arguments.of("[1, 2]", false),
                Arguments.of("\"text\"", false),
                Arguments.of("- a\n- b\n", true),
                Arguments.of("just text", true),
                Arguments.of("~", true));
    }

    @ParameterizedTest
    @MethodSource("nonObjectTopLevels")
    void rejectsTopLevelThatIsNotAnObject(String body, boolean yaml) {
        assertThatThrownBy(() -> PARSER.parse(bytes(body), yaml))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("top level must be an object");
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void rejectsEmptyBodies(boolean yaml) {
        assertThatThrownBy(() -> PARSER.parse(new byte[0], yaml))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PARSER.parse(bytes("  \n# only a comment\n"), yaml))
                .isInstanceOf(DescriptorParseException.class);
    }

    @Test
    void rejectsBodiesOverTheLimitAsTooLarge() {
        byte[] body = new byte[DescriptorParser.MAX_BYTES + 1];
        Arrays.fill(body, (byte) ' ');

        assertThatThrownBy(() -> PARSER.parse(body, true)).isInstanceOf(DescriptorTooLargeException.class);
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void rejectsNestingDeeperThanTheLimit(boolean yaml) {
        int depth = DescriptorParser.MAX_DEPTH + 1;
        String body = "{\"a\": " + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";

        assertThatThrownBy(() -> PARSER.parse(bytes(body), yaml))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("nest");
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void acceptsNestingUpToTheLimit(boolean yaml) {
        int depth = DescriptorParser.MAX_DEPTH;
        String body = "{\"a\": " + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";

        assertThat(PARSER.parse(bytes(body), yaml).has("a")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "application/yaml|{}|true",
                "application/x-yaml; charset=utf-8|{}|true",
                "text/yaml|{}|true",
                "application/json|id: a|false",
                "application/vnd.tessera+json|id: a|false",
                "null|  {\"id\": 1}|false",
                "null|id: a|true",
                "application/octet-stream|id: a|true",
                "text/plain|{\"id\": 1}|false"
            })
    void decidesYamlFromMediaTypeThenFromTheFirstCharacter(String contentType, String body, boolean expected) {
        assertThat(DescriptorParser.looksLikeYaml(contentType, bytes(body))).isEqualTo(expected);
    }

    @Test
    void quotesStringsThatOtherYamlReadersWouldRetype() {
        JsonNode tree = Fixtures.json("{\"d\": \"2022-10-03\", \"num\": \"42\", \"b\": \"yes\", \"v\": \"1.0.0\"}");

        String yaml = new String(PARSER.write(tree, true), StandardCharsets.UTF_8);

        assertThat(yaml).doesNotStartWith("---");
        assertThat(yaml).contains("d: \"2022-10-03\"", "num: \"42\"", "b: \"yes\"", "v: 1.0.0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void writesEveryExampleBackToAnEqualTree(Path example) {
        JsonNode original = PARSER.parse(Corpus.read(example), true);

        assertThat(PARSER.parse(PARSER.write(original, true), true)).isEqualTo(original);
        assertThat(PARSER.parse(PARSER.write(original, false), false)).isEqualTo(original);
    }

    static Stream<Path> examples() {
        return Stream.concat(Corpus.odpsExamples().stream(), Corpus.odcsExamples().stream());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
