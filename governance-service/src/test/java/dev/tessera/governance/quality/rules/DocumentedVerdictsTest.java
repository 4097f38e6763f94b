package dev.tessera.governance.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tessera.governance.quality.rules.DatasetFacts.ColumnFacts;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared verdict table: each contract under {@code quality/verdicts/} sits next to the facts a
 * producer reported and the verdict every one of its rules must get, so the table can be read
 * against docs/quality.md and datacontract-cli without running Java.
 */
class DocumentedVerdictsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final List<String> FAMILIES = List.of(
            "row-count",
            "null-values",
            "missing-values",
            "invalid-values",
            "duplicate-values",
            "ranges",
            "other-types",
            "malformed");

    @TestFactory
    Stream<DynamicNode> everyRuleOfTheSharedContractsGetsItsDocumentedVerdict() throws IOException {
        List<DynamicNode> families = new ArrayList<>();
        for (String family : FAMILIES) {
            JsonNode contract = read("/quality/verdicts/" + family + ".odcs.yaml");
            JsonNode expected = read("/quality/verdicts/" + family + ".expected.yaml");
            Map<String, DatasetFacts> facts = facts(expected.path("facts"));
            List<ContractRule> rules = ContractRules.of(contract);

            List<DynamicNode> checks = new ArrayList<>();
            checks.add(DynamicTest.dynamicTest("every rule has an expected verdict and no more", () -> assertThat(
                            rules.stream().map(ContractRule::checkId))
                    .containsExactlyInAnyOrderElementsOf(
                            iterable(expected.path("verdicts").fieldNames()))));
            for (ContractRule rule : rules) {
                JsonNode verdict = expected.path("verdicts").path(rule.checkId());
                checks.add(DynamicTest.dynamicTest(rule.checkId(), () -> {
                    Verdict actual =
                            RuleEvaluator.evaluate(rule, facts.getOrDefault(rule.object(), DatasetFacts.none()));
                    assertThat(actual.outcome().name())
                            .as("%s: %s", rule.checkId(), actual.reason())
                            .isEqualTo(verdict.path("outcome").asText());
                    if (verdict.has("observed")) {
                        assertThat(actual.observed())
                                .isEqualTo(verdict.get("observed").asText());
                    } else {
                        assertThat(actual.observed()).isNull();
                    }
                    if (verdict.has("reason")) {
                        assertThat(actual.reason())
                                .contains(verdict.get("reason").asText());
                    }
                }));
            }
            families.add(DynamicContainer.dynamicContainer(family, checks));
        }
        return families.stream();
    }

    private static Map<String, DatasetFacts> facts(JsonNode byObject) {
        Map<String, DatasetFacts> facts = new LinkedHashMap<>();
        byObject.fields().forEachRemaining(object -> {
            JsonNode reported = object.getValue();
            Map<String, ColumnFacts> columns = new LinkedHashMap<>();
            reported.path("columns").fields().forEachRemaining(column -> {
                JsonNode figures = column.getValue();
                columns.put(
                        column.getKey(),
                        new ColumnFacts(
                                longOrNull(figures.get("nullCount")),
                                longOrNull(figures.get("distinctCount")),
                                longOrNull(figures.get("count")),
                                decimalOrNull(figures.get("min")),
                                decimalOrNull(figures.get("max"))));
            });
            facts.put(object.getKey(), new DatasetFacts(longOrNull(reported.get("rowCount")), columns));
        });
        return facts;
    }

    private static Long longOrNull(JsonNode node) {
        return node == null ? null : node.asLong();
    }

    private static BigDecimal decimalOrNull(JsonNode node) {
        return node == null ? null : node.decimalValue();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = DocumentedVerdictsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return YAML.readTree(in);
        }
    }
}
