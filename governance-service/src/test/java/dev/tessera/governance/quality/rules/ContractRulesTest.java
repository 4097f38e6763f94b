package dev.tessera.governance.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String CONTRACT = """
            schema:
              - name: orders
                quality:
                  - {metric: rowCount, mustBeGreaterThan: 0, severity: error}
                properties:
                  - name: id
                    quality:
                      - {id: id-unique, metric: duplicateValues, mustBe: 0}
                  - name: email
                    quality:
                      - {metric: nullValues, mustBeLessThan: 5, unit: percent}
                      - {metric: nullValues, mustBe: 0, description: no nulls at all}
                      - {type: sql, query: 'select 1', mustBe: 1}
                  - name: address
                    logicalType: object
                    properties:
                      - name: city
                        quality:
                          - {metric: nullValues, mustBe: 0}
                  - name: tags
                    logicalType: array
                    items:
                      quality:
                        - {metric: nullValues, mustBe: 0}
            """;

    @Test
    void rulesComeFromObjectsPropertiesAndNestedPropertiesInDocumentOrder() throws IOException {
        List<ContractRule> rules = ContractRules.of(yaml(CONTRACT));

        assertThat(rules)
                .extracting(ContractRule::checkId)
                .containsExactly(
                        "orders/*/rowCount/#1",
                        "orders/id/duplicateValues/id-unique",
                        "orders/email/nullValues/#1",
                        "orders/email/nullValues/#2",
                        "orders/email/sql/#1",
                        "orders/address.city/nullValues/#1",
                        "orders/tags[]/nullValues/#1");
        assertThat(rules.get(0).column()).isNull();
        assertThat(rules.get(0).severity()).isEqualTo("error");
        assertThat(rules.get(1).ruleId()).isEqualTo("id-unique");
        assertThat(rules.get(3).name()).isEqualTo("no nulls at all");
        assertThat(rules.get(5).column()).isEqualTo("address.city");
    }

    @Test
    void aRuleReadsItsTypeMetricOperatorThresholdAndUnit() throws IOException {
        ContractRule percent = ContractRules.of(yaml(CONTRACT)).get(2);

        assertThat(percent.type()).isEqualTo("library");
        assertThat(percent.metric()).isEqualTo("nullValues");
        assertThat(percent.operator()).isEqualTo("mustBeLessThan");
        assertThat(percent.threshold()).containsExactly(BigDecimal.valueOf(5));
        assertThat(percent.unit()).isEqualTo("percent");
        assertThat(percent.name()).isEqualTo("nullValues mustBeLessThan 5");
        assertThat(percent.thresholdText()).isEqualTo("5");
    }

    @Test
    void theTypeDefaultsToLibraryAndTheDeprecatedRuleFieldNamesTheMetric() throws IOException {
        ContractRule rule = ContractRules.of(yaml("""
                        schema:
                          - name: t
                            quality:
                              - {rule: rowCount, mustBeBetween: [1, 10]}
                        """)).getFirst();

        assertThat(rule.type()).isEqualTo("library");
        assertThat(rule.metric()).isEqualTo("rowCount");
        assertThat(rule.threshold()).containsExactly(BigDecimal.ONE, BigDecimal.TEN);
        assertThat(rule.thresholdText()).isEqualTo("[1, 10]");
    }

    @Test
    void logicalTypeOptionsBecomeRangeRulesOnTheColumnsMinAndMax() throws IOException {
        List<ContractRule> rules = ContractRules.of(yaml("""
                schema:
                  - name: t
                    properties:
                      - {name: n, logicalType: integer, logicalTypeOptions: {minimum: 0, exclusiveMaximum: 10, format: i32}}
                """));

        assertThat(rules)
                .extracting(ContractRule::checkId, ContractRule::type, ContractRule::metric, ContractRule::operator)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "t/n/range/minimum", "range", "minimum", "mustBeGreaterOrEqualTo"),
                        org.assertj.core.groups.Tuple.tuple(
                                "t/n/range/exclusiveMaximum", "range", "maximum", "mustBeLessThan"));
    }

    @Test
    void theSameContractTextGivesTheSameCheckIds() throws IOException {
        assertThat(ContractRules.of(yaml(CONTRACT))).isEqualTo(ContractRules.of(yaml(CONTRACT)));
    }

    @Test
    void checkIdsSurviveEditsToOtherColumnsOtherKindsAndNamedRules() throws IOException {
        String edited = CONTRACT.replace(
                        "                  - {metric: rowCount, mustBeGreaterThan: 0, severity: error}\n",
                        "                  - {metric: rowCount, mustBeGreaterThan: 0, severity: error}\n"
                                + "                  - {name: enough, metric: rowCount, mustBeGreaterThan: 10}\n"
                                + "                  - {type: text, description: new}\n")
                .replace(
                        "                      - {metric: nullValues, mustBeLessThan: 5, unit: percent}\n",
                        "                      - {type: text, description: emails are lower case}\n"
                                + "                      - {metric: nullValues, mustBeLessThan: 5, unit: percent}\n")
                .replace("description: no nulls at all", "description: not one null");

        List<String> before = ContractRules.of(yaml(CONTRACT)).stream()
                .map(ContractRule::checkId)
                .toList();
        List<String> after = ContractRules.of(yaml(edited)).stream()
                .map(ContractRule::checkId)
                .toList();

        assertThat(after).containsAll(before);
    }

    @Test
    void twoRulesWithOneNameStillGetDistinctIds() throws IOException {
        List<ContractRule> rules = ContractRules.of(yaml("""
                schema:
                  - name: t
                    quality:
                      - {name: size, metric: rowCount, mustBeGreaterThan: 0}
                      - {name: size, metric: rowCount, mustBeLessThan: 100}
                      - {name: a/b, metric: rowCount, mustBeLessThan: 100}
                """));

        assertThat(rules)
                .extracting(ContractRule::checkId)
                .containsExactly("t/*/rowCount/size", "t/*/rowCount/size~2", "t/*/rowCount/a%2Fb");
    }

    @Test
    void malformedEntriesAreStillReturned() throws IOException {
        List<ContractRule> rules = ContractRules.of(yaml("""
                schema:
                  - name: t
                    quality:
                      - {metric: rowCount, mustBe: lots}
                      - {metric: rowCount}
                      - {metric: rowCount, mustBe: 1, mustNotBe: 2}
                      - not a rule
                """));

        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).threshold()).isEmpty();
        assertThat(rules.get(0).thresholdText()).isEqualTo("none");
        assertThat(rules.get(1).operator()).isNull();
        assertThat(rules.get(2).operator()).isEqualTo("mustBe, mustNotBe");
    }

    @Test
    void noContractOrNoSchemaHasNoRules() throws IOException {
        assertThat(ContractRules.of(null)).isEmpty();
        assertThat(ContractRules.of(yaml("kind: DataContract"))).isEmpty();
        assertThat(ContractRules.of(yaml("schema: {not: a list}"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "all/full-example.odcs.yaml",
                "all/postgresql-adventureworks-contract.odcs.yaml",
                "data-types/all-data-types.odcs.yaml",
                "fundamentals/table-column-description.odcs.yaml",
                "quality/column-accuracy.odcs.yaml",
                "quality/column-completeness.odcs.yaml",
                "quality/column-custom.odcs.yaml",
                "quality/column-validity.odcs.yaml",
                "roles/service-and-operational-roles.odcs.yaml",
                "schema/all-schema-types.odcs.yaml",
                "schema/kafka-schema.odcs.yaml",
                "schema/kafka-schemaregistry.odcs.yaml",
                "schema/table-column.odcs.yaml",
                "schema/table-columns-with-partition.odcs.yaml",
                "server/azure-server.odcs.yaml",
                "server/kafka-server.odcs.yaml",
                "sla/database-table-sla.odcs.yaml",
                "stakeholders/basic-four-dpo.odcs.yaml"
            })
    void everyOdcsExampleIsReadAndEvaluatedWithoutAnError(String example) throws IOException {
        JsonNode contract = example("/quality/odcs-examples/" + example);

        assertThatCode(() -> {
                    for (ContractRule rule : ContractRules.of(contract)) {
                        assertThat(rule.checkId()).isNotBlank();
                        assertThat(RuleEvaluator.evaluate(rule, DatasetFacts.none())
                                        .outcome())
                                .isEqualTo(Verdict.Outcome.UNKNOWN);
                    }
                    FreshnessSla.of(contract);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void theQualityExamplesYieldTheirRules() throws IOException {
        ContractRule completeness = ContractRules.of(
                        example("/quality/odcs-examples/quality/column-completeness.odcs.yaml"))
                .getFirst();
        ContractRule validity = ContractRules.of(example("/quality/odcs-examples/quality/column-validity.odcs.yaml"))
                .getFirst();

        assertThat(completeness.checkId()).isEqualTo("Air_Quality/UniqueID/nullValues/#1");
        assertThat(completeness.name()).isEqualTo("This column should not contain null values");
        assertThat(validity.metric()).isEqualTo("invalidValues");
        assertThat(validity.unit()).isEqualTo("percent");
        assertThat(validity.arguments().path("validValues").size()).isEqualTo(3);
    }

    private static JsonNode example(String resource) throws IOException {
        try (InputStream in = ContractRulesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return YAML.readTree(in);
        }
    }

    private static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }
}
