package dev.tessera.governance.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.governance.evaluation.service.EvaluationService;
import dev.tessera.governance.evaluation.variables.ProductContexts;
import dev.tessera.governance.policy.engine.CelPolicyCompiler;
import dev.tessera.governance.policy.engine.ExecutablePolicy;
import dev.tessera.governance.policy.engine.Outcome;
import dev.tessera.governance.policy.engine.PolicyResult;
import dev.tessera.governance.policy.engine.PolicySeverity;
import dev.tessera.governance.policy.engine.PolicyTarget;
import dev.tessera.governance.policy.engine.PolicyVariable;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@link PolicyVariable} is wired end to end: declared to the compiler, bound when the
 * service evaluates a product (a source-bound one by its source), and listed for policy authors in
 * docs/governance.md. A variable added to the enum and forgotten anywhere fails here.
 */
@QuarkusTest
@GovernanceTestResources
class PolicyVariablesTest {

    private static final Path GUIDE = Path.of(System.getProperty("tessera.root", ".."), "docs", "governance.md");

    /** A row of the guide's variable table: its first cell is the variable's name in backticks. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z]+)` \\|");

    @Inject
    CelPolicyCompiler compiler;

    @Inject
    EvaluationService evaluations;

    @Inject
    ProductContexts contexts;

    @Test
    void everyVariableIsDeclaredToTheCompiler() {
        for (PolicyVariable v : PolicyVariable.values()) {
            assertThatCode(() -> compiler.compile(v.celName() + " == " + v.celName()))
                    .as(v.celName())
                    .doesNotThrowAnyException();
            assertThatCode(() -> compiler.compileMessage("string(" + v.celName() + " == " + v.celName() + ")"))
                    .as(v.celName() + " in a message")
                    .doesNotThrowAnyException();
        }
        assertThat(CelPolicyCompiler.VARIABLES).containsExactlyElementsOf(PolicyVariable.names());
    }

    @Test
    void everyVariableIsBoundWhenTheServiceEvaluatesAProduct() throws Exception {
        String id = Api.unique("wired");
        ObjectNode descriptor = ProductEvents.compliant(id, "retail");
        ProductStateV1 state = ProductEvents.state(id, "retail", 1, descriptor);
        JsonNode payload = ProductEvents.JSON.valueToTree(state);
        List<ExecutablePolicy> policies = new ArrayList<>();
        for (PolicyVariable v : PolicyVariable.values()) {
            PolicyTarget target =
                    switch (v) {
                        case PORT -> PolicyTarget.OUTPUT_PORT;
                        case PROPERTY -> PolicyTarget.SCHEMA_PROPERTY;
                        default -> PolicyTarget.PRODUCT;
                    };
            policies.add(new ExecutablePolicy(
                    v.celName(),
                    1,
                    "reads " + v.celName(),
                    PolicySeverity.WARNING,
                    1,
                    target,
                    "wire it",
                    compiler.compile(v.celName() + " == " + v.celName())));
        }

        List<PolicyResult> results =
                QuarkusTransaction.requiringNew().call(() -> evaluations.tryOn(policies, state, payload));

        for (PolicyResult result : results) {
            assertThat(result.outcome())
                    .as(result.policyId() + ": " + result.message())
                    .isEqualTo(Outcome.PASS);
        }
        for (PolicyVariable v : PolicyVariable.values()) {
            if (v.binding() == PolicyVariable.Binding.SOURCE) {
                assertThat(contexts.sourceOf(v))
                        .as(v.celName() + " has a source")
                        .isPresent();
            }
        }
    }

    @Test
    void everyVariableIsListedInTheGovernanceGuideAndNothingElseIs() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(GUIDE)) {
            if (line.startsWith("#")) {
                inSection = line.equals("### Policy variables");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.find()) {
                documented.add(row.group(1));
            }
        }

        assertThat(documented).containsExactlyElementsOf(PolicyVariable.names());
    }
}
