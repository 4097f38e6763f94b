package dev.tessera.governance.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The two halves of a policy's budget: the estimate that refuses an expression, the run-time stop. */
class PolicyBudgetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CelPolicyCompiler COMPILER = new CelPolicyCompiler();

    @Test
    void everyStarterPolicyFitsTheDefaultBudget() throws Exception {
        JsonNode pack;
        try (InputStream in = getClass().getResourceAsStream("/policies/starter-pack.yaml")) {
            pack = new ObjectMapper(new YAMLFactory()).readTree(in);
        }

        assertThat(pack.path("policies")).isNotEmpty();
        for (JsonNode policy : pack.path("policies")) {
            String expression = policy.path("expression").asText();
            CompiledExpression compiled = COMPILER.compile(expression);
            assertThat(compiled.costPlan().limits()).isEqualTo(PolicyLimits.defaults());
        }
    }

    @Test
    void buildingStringsInNestedComprehensionsIsRefusedBeforeItRuns() {
        String bomb = "size([1,2,3].map(a, [1,2,3].map(b, product.description.purpose + product.description.purpose)))"
                + " > 0";

        assertThatThrownBy(() -> COMPILER.compile(bomb)).isInstanceOfSatisfying(PolicyTooCostlyException.class, e -> {
            assertThat(e.estimate()).isGreaterThan(PolicyLimits.DEFAULT_MAX_COST);
            assertThat(e.limit()).isEqualTo(PolicyLimits.DEFAULT_MAX_COST);
            assertThat(e.getMessage()).contains(PolicyLimits.MAX_COST);
        });
    }

    @Test
    void buildingOnceOutsideAComprehensionFits() throws Exception {
        COMPILER.compile("(product.name + '-' + product.version) != '' && product.tags.map(t, t).size() >= 0");
    }

    @Test
    void aRunThatReadsTooMuchIsAnErrorNamingTheLimit() throws Exception {
        CelPolicyCompiler small = new CelPolicyCompiler(new PolicyLimits(500, 1_000, 100, 10_000));
        ObjectNode product = product("x".repeat(100), 10);

        PolicyResult result = run(small, "product.tags.all(t, size(product.description.purpose) > 0)", product);

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).contains(PolicyLimits.MAX_COST);
    }

    @Test
    void aStringOverTheCapIsAnErrorNamingTheLimit() throws Exception {
        PolicyResult result = run(COMPILER, "size(product.description.purpose) > 0", product("x".repeat(100_001), 1));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).contains(PolicyLimits.MAX_STRING_LENGTH);
    }

    @Test
    void aListOverTheCapIsAnErrorNamingTheLimit() throws Exception {
        PolicyResult result = run(COMPILER, "size(product.tags) > 0", product("x", 10_001));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).contains(PolicyLimits.MAX_LIST_SIZE);
    }

    @Test
    void aSearchWithADataPatternIsChargedBeforeItRuns() throws Exception {
        // 'aaa...ab' searched in 'aaa...a': cheap to write, quadratic to search naively.
        ObjectNode product = product("a".repeat(90_000), 1);
        product.put("name", "a".repeat(45_000) + "b");

        PolicyResult result = run(COMPILER, "product.description.purpose.contains(product.name)", product);

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).contains(PolicyLimits.MAX_COST);
    }

    @Test
    void aMembershipTestOverDataIsChargedByBothSizes() throws Exception {
        ObjectNode product = product("x", 200);
        product.put("name", "t".repeat(90_000));

        PolicyResult result = run(COMPILER, "!(product.name in product.tags)", product);

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.message()).contains(PolicyLimits.MAX_COST);
    }

    @Test
    void ordinaryPoliciesRunUnderTheBudget() throws Exception {
        PolicyResult result = run(
                COMPILER,
                "product.tags.filter(t, t.startsWith('t')).map(t, size(t)).size() == 10"
                        + " && product.description.purpose.contains('x') && 't1' in product.tags",
                product("x".repeat(5_000), 10));

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    }

    private static ObjectNode product(String purpose, int tags) {
        ObjectNode product = JSON.createObjectNode().put("id", "orders").put("name", "Orders");
        product.putObject("description").put("purpose", purpose);
        for (int i = 0; i < tags; i++) {
            product.withArray("tags").add("t" + i);
        }
        return product;
    }

    private static PolicyResult run(CelPolicyCompiler compiler, String expression, JsonNode product)
            throws PolicyCompileException {
        ExecutablePolicy policy = new ExecutablePolicy(
                "p",
                1,
                "a policy",
                PolicySeverity.BLOCKING,
                1,
                PolicyTarget.PRODUCT,
                "fix it",
                compiler.compile(expression));
        return new PolicyEvaluator()
                .evaluate(
                        policy,
                        PolicyEvaluatorTest.productContext(
                                product,
                                null,
                                JsonNodeFactory.instance.arrayNode(),
                                JsonNodeFactory.instance.arrayNode(),
                                Instant.now()));
    }
}
