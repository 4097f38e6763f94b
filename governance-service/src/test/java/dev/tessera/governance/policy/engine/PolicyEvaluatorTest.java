package dev.tessera.governance.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CelPolicyCompiler COMPILER = new CelPolicyCompiler();
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    private static final String PRODUCT = """
            {"id":"orders","version":"2.0.0","description":{"purpose":"Every order placed"},
             "team":{"name":"sales"},
             "outputPorts":[
               {"name":"orders-table","version":"1.0.0","contract":{"schema":[{"name":"orders","properties":[
                 {"name":"order_id","logicalType":"string"},
                 {"name":"email","logicalType":"string","customProperties":[{"property":"pii","value":true}]}]}]}},
               {"name":"Orders_Stream","version":"1.0.0"}]}
            """;

    @Test
    void aTrueExpressionPassesAndReportsTheValuesItRead() throws Exception {
        PolicyResult result = evaluate(PolicyTarget.PRODUCT, "has(product.team) && product.team.name != ''");

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
        assertThat(result.remediation()).isNull();
        assertThat(result.evidence().path("product.team.name").asText()).isEqualTo("sales");
    }

    @Test
    void aFalseExpressionFailsWithTheRemediation() throws Exception {
        PolicyResult result = evaluate(PolicyTarget.PRODUCT, "size(product.description.purpose) >= 50");

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.remediation()).isEqualTo("fix it");
        assertThat(result.evidence().path("product.description.purpose").asText())
                .isEqualTo("Every order placed");
    }

    @Test
    void aMissingFieldIsAnErrorNeverAPass() throws Exception {
        PolicyResult result = evaluate(PolicyTarget.PRODUCT, "product.sla.availability > 0.99");

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).contains("sla");
        assertThat(result.blocks()).isTrue();
    }

    @Test
    void aPortPolicyRunsOncePerPortAndNamesTheFailingOnes() throws Exception {
        PolicyResult result = evaluate(PolicyTarget.OUTPUT_PORT, "port.name.matches('^[a-z][a-z0-9-]*$')");

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message()).contains("Orders_Stream@1.0.0").doesNotContain("orders-table");
    }

    @Test
    void aPropertyPolicyRunsOncePerSchemaProperty() throws Exception {
        PolicyResult result = evaluate(
                PolicyTarget.SCHEMA_PROPERTY,
                "!(has(property.customProperties) && property.customProperties.exists(c, c.property == 'pii'"
                        + " && c.value == true)) || has(property.classification)");

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message()).contains("orders-table@1.0.0/orders.email").doesNotContain("order_id");
    }

    @Test
    void aTargetThatIsAbsentIsNotApplicable() throws Exception {
        ExecutablePolicy policy = policy(PolicyTarget.SCHEMA_PROPERTY, "true");
        JsonNode empty = JSON.readTree("{\"id\":\"x\"}");

        PolicyResult result = EVALUATOR.evaluate(policy, productContext(empty, null, null, null, Instant.now()));

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void contextVariablesAreBound() throws Exception {
        JsonNode consumers = JSON.readTree("[{\"productId\":\"revenue\",\"domainId\":\"finance\"}]");
        JsonNode findings = JSON.readTree("[{\"severity\":\"BREAKING\",\"rule\":\"property-removed\"}]");
        JsonNode previous = JSON.readTree("{\"version\":\"1.4.0\"}");
        ExecutablePolicy policy = policy(
                PolicyTarget.PRODUCT,
                "consumers.exists(c, c.domainId == 'finance') && findings.size() == 1"
                        + " && semverMajor(product.version) > semverMajor(previous.version)"
                        + " && now > timestamp('2020-01-01T00:00:00Z')");

        PolicyResult result = EVALUATOR.evaluate(
                policy, productContext(JSON.readTree(PRODUCT), previous, findings, consumers, Instant.now()));

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aRunawayComprehensionIsStoppedAndReportedAsAnError() throws Exception {
        PolicyResult result = evaluate(
                PolicyTarget.PRODUCT,
                "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c,"
                        + " [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, a + b + c + d + e > 0)))))");

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> COMPILER.compile("has(product.team) &&\n  product.team.name ==="))
                .isInstanceOfSatisfying(
                        PolicyCompileException.class,
                        e -> assertThat(e.issues()).first().satisfies(issue -> {
                            assertThat(issue.line()).isEqualTo(2);
                            assertThat(issue.column()).isGreaterThan(1);
                        }));
    }

    @Test
    void aTypeErrorIsRefused() {
        assertThatThrownBy(() -> COMPILER.compile("product.name + 1 == 2 && size(1) > 0"))
                .isInstanceOf(PolicyCompileException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void aNonBooleanExpressionIsRefusedAtCompileTime() {
        assertThatThrownBy(() -> COMPILER.compile("'a string'")).isInstanceOf(PolicyCompileException.class);
    }

    @Test
    void anUnknownVariableIsRefused() {
        assertThatThrownBy(() -> COMPILER.compile("java.lang.System.exit(0) == null"))
                .isInstanceOf(PolicyCompileException.class);
    }

    @Test
    void aBreakingChangeFailureNamesTheConsumersItAffects() throws Exception {
        PolicyResult result = EVALUATOR.evaluate(
                policy(PolicyTarget.PRODUCT, "!(findings.exists(f, f.severity == 'BREAKING') && size(consumers) > 0)"),
                productContext(
                        JSON.readTree(PRODUCT),
                        null,
                        JSON.readTree("[{\"severity\":\"BREAKING\",\"rule\":\"property-removed\"}]"),
                        JSON.readTree("[{\"productId\":\"revenue\",\"domainId\":\"finance\",\"kind\":\"INPUT_PORT\"}]"),
                        Instant.now()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.evidence().path("consumers").path(0).path("productId").asText())
                .isEqualTo("revenue");
        assertThat(result.evidence().path("findings").path(0).path("rule").asText())
                .isEqualTo("property-removed");
    }

    @Test
    void aFailureSaysWhatThePolicysMessageSays() throws Exception {
        ExecutablePolicy policy = worded(
                PolicyTarget.PRODUCT,
                "size(product.description.purpose) >= 50",
                "'The purpose of ' + product.id + ' is ' + string(size(product.description.purpose))"
                        + " + ' characters long; write at least 50.'");

        PolicyResult result = EVALUATOR.evaluate(policy, context(JsonNodeFactory.instance.arrayNode()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message()).isEqualTo("The purpose of orders is 18 characters long; write at least 50.");
        assertThat(result.remediation()).isEqualTo("fix it");
    }

    @Test
    void aPortPolicysMessageIsSaidOfEachFailingPort() throws Exception {
        ExecutablePolicy policy = worded(
                PolicyTarget.OUTPUT_PORT,
                "port.name.matches('^[a-z][a-z0-9-]*$')",
                "'the name ' + port.name + ' is not kebab-case'");

        PolicyResult result = EVALUATOR.evaluate(policy, context(JsonNodeFactory.instance.arrayNode()));

        assertThat(result.message()).isEqualTo("Orders_Stream@1.0.0: the name Orders_Stream is not kebab-case");
    }

    @Test
    void aPolicyWithoutAMessageFailsWithItsName() throws Exception {
        PolicyResult result = evaluate(PolicyTarget.PRODUCT, "size(product.description.purpose) >= 50");

        assertThat(result.message()).isEqualTo("'a policy' is not met").doesNotContain("expression is false");
    }

    @Test
    void aMessageThatErrorsFallsBackToThePolicysName() throws Exception {
        ExecutablePolicy policy = worded(
                PolicyTarget.PRODUCT, "size(product.description.purpose) >= 50", "'missing ' + product.sla.name");

        PolicyResult result = EVALUATOR.evaluate(policy, context(JsonNodeFactory.instance.arrayNode()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message()).isEqualTo("'a policy' is not met");
    }

    @Test
    void aMessageBuildingTextPerElementIsRefusedAsTooCostly() {
        assertThatThrownBy(() -> COMPILER.compileMessage("consumers.map(c, c.productId + '!').join(', ')"))
                .isInstanceOf(PolicyTooCostlyException.class);
    }

    @Test
    void theStarterPacksBreakingChangeMessageNamesEachConsumerWithItsDomainOwnersAndLink() throws Exception {
        var starter = dev.tessera.governance.policy.service.StarterPack.read().stream()
                .filter(p -> p.id().equals("breaking-change-announced"))
                .findFirst()
                .orElseThrow();
        ExecutablePolicy policy = new ExecutablePolicy(
                starter.id(),
                1,
                starter.name(),
                PolicySeverity.BLOCKING,
                5,
                PolicyTarget.PRODUCT,
                starter.remediation(),
                COMPILER.compile(starter.expression()),
                COMPILER.compileMessage(starter.message()));
        JsonNode previous = JSON.readTree(PRODUCT); // published at the same major version

        PolicyResult result = EVALUATOR.evaluate(
                policy,
                productContext(
                        JSON.readTree(PRODUCT),
                        previous,
                        JSON.readTree("[{\"severity\":\"BREAKING\",\"rule\":\"property-removed\","
                                + "\"path\":\"x\",\"message\":\"property order_id was removed\"}]"),
                        JSON.readTree("""
                                [{"productId":"revenue","domainId":"finance","owners":["fay"],"kind":"INPUT_PORT",
                                  "label":"revenue (domain finance, owners fay, through a declared input port)"},
                                 {"productId":"churn","domainId":"marketing","owners":[],"kind":"ACCESS_GRANT",
                                  "label":"churn (domain marketing, no owner named, through an access grant)"}]
                                """),
                        Instant.now()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.message())
                .startsWith(
                        "This version breaks the contract (property order_id was removed) that 2 consumers rely on:")
                .contains("revenue (domain finance, owners fay, through a declared input port)")
                .contains("churn (domain marketing, no owner named, through an access grant)")
                .contains("Publish it as a new major version")
                .doesNotContain("expression is false");
    }

    @Test
    void everyStarterPolicyFailsInItsOwnWordsNotWithItsName() throws Exception {
        JsonNode quality = JSON.readTree("""
                {"status":"FAILING","ports":{},"failingChecks":[{"checkId":"c1","outcome":"FAIL"}]}
                """);
        ProductContext failingEverything = productContext(
                        JSON.readTree(PRODUCT),
                        JSON.readTree(PRODUCT),
                        JSON.readTree("[{\"severity\":\"BREAKING\",\"rule\":\"property-removed\",\"path\":\"x\","
                                + "\"message\":\"property order_id was removed\"}]"),
                        JSON.readTree("[{\"productId\":\"revenue\",\"domainId\":\"finance\",\"owners\":[\"fay\"],"
                                + "\"kind\":\"INPUT_PORT\",\"label\":\"revenue (domain finance)\"}]"),
                        quality,
                        Instant.now())
                .with(PolicyVariable.USAGE, UsageValueTest.unusedWithAShadowConsumer(Instant.now()));
        for (var starter : dev.tessera.governance.policy.service.StarterPack.read()) {
            ExecutablePolicy policy = new ExecutablePolicy(
                    starter.id(),
                    1,
                    starter.name(),
                    PolicySeverity.BLOCKING,
                    1,
                    PolicyTarget.valueOf(starter.target()),
                    starter.remediation(),
                    COMPILER.compile(starter.expression()),
                    COMPILER.compileMessage(starter.message()));

            PolicyResult result = EVALUATOR.evaluate(policy, failingEverything);

            assertThat(result.outcome()).as(starter.id()).isEqualTo(Outcome.FAIL);
            assertThat(result.message())
                    .as(starter.id())
                    .isNotBlank()
                    .doesNotContain(policy.generatedFailure())
                    .doesNotContain("expression is false");
        }
    }

    private static ProductContext context(JsonNode consumers) throws Exception {
        return productContext(
                JSON.readTree(PRODUCT), null, JsonNodeFactory.instance.arrayNode(), consumers, Instant.now());
    }

    private static ExecutablePolicy worded(PolicyTarget target, String expression, String message)
            throws PolicyCompileException {
        return new ExecutablePolicy(
                "p",
                1,
                "a policy",
                PolicySeverity.BLOCKING,
                1,
                target,
                "fix it",
                COMPILER.compile(expression),
                COMPILER.compileMessage(message));
    }

    @Test
    void qualityIsBoundWithItsTimesAsTimestamps() throws Exception {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        String recentlyPassed = "quality.status == 'PASSING' && now - quality.lastCheckedAt < duration('24h')";
        JsonNode recent = JSON.readTree("""
                {"status":"PASSING","lastCheckedAt":"2026-12-07T08:00:00Z","lastPassedAt":"2026-12-07T08:00:00Z",
                 "ports":{"orders-table":{"status":"PASSING","checks":[{"checkId":"c1","source":"ASSERTION",
                   "name":"unique","outcome":"PASS","observedAt":"2026-12-07T08:00:00Z"}],
                   "freshness":{"status":"FRESH","lastWriteAt":"2026-12-07T08:00:00Z","deadline":"2026-12-07T20:00:00Z"}}},
                 "failingChecks":[]}
                """);
        JsonNode old = ((com.fasterxml.jackson.databind.node.ObjectNode) recent.deepCopy())
                .put("lastCheckedAt", "2026-12-05T08:00:00Z");

        assertThat(inQuality(recentlyPassed, recent, now).outcome()).isEqualTo(Outcome.PASS);
        assertThat(inQuality(recentlyPassed, old, now).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(inQuality(
                                "quality.ports['orders-table'].freshness.deadline > now"
                                        + " && quality.ports['orders-table'].checks.all(c, c.outcome == 'PASS')",
                                recent,
                                now)
                        .outcome())
                .isEqualTo(Outcome.PASS);
        // Nothing known about quality: UNKNOWN, and the guard keeps the missing time from erroring.
        assertThat(inQuality(recentlyPassed, null, now).outcome()).isEqualTo(Outcome.FAIL);
    }

    private static PolicyResult inQuality(String expression, JsonNode quality, Instant now) throws Exception {
        PolicyResult result = EVALUATOR.evaluate(
                policy(PolicyTarget.PRODUCT, expression),
                productContext(JSON.readTree(PRODUCT), null, null, null, quality, now));
        assertThat(result.outcome()).as(result.message()).isNotEqualTo(Outcome.ERROR);
        return result;
    }

    private static PolicyResult evaluate(PolicyTarget target, String expression) throws Exception {
        return EVALUATOR.evaluate(
                policy(target, expression),
                productContext(
                        JSON.readTree(PRODUCT),
                        null,
                        JsonNodeFactory.instance.arrayNode(),
                        JsonNodeFactory.instance.arrayNode(),
                        Instant.now()));
    }

    /** What the evaluator sees of a product: its descriptor, previous version, findings, consumers and quality. */
    static ProductContext productContext(
            JsonNode descriptor,
            JsonNode previous,
            JsonNode findings,
            JsonNode consumers,
            JsonNode quality,
            Instant now) {
        return ProductContext.at(now)
                .with(PolicyVariable.PRODUCT, descriptor)
                .with(PolicyVariable.PREVIOUS, previous)
                .with(PolicyVariable.FINDINGS, findings)
                .with(PolicyVariable.CONSUMERS, consumers)
                .with(PolicyVariable.QUALITY, quality);
    }

    /** The same with nothing known of its quality. */
    static ProductContext productContext(
            JsonNode descriptor, JsonNode previous, JsonNode findings, JsonNode consumers, Instant now) {
        return productContext(descriptor, previous, findings, consumers, null, now);
    }

    private static ExecutablePolicy policy(PolicyTarget target, String expression) throws PolicyCompileException {
        return new ExecutablePolicy(
                "p", 1, "a policy", PolicySeverity.BLOCKING, 1, target, "fix it", COMPILER.compile(expression));
    }
}
