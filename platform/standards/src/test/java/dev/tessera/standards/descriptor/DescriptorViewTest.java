package dev.tessera.standards.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tessera.standards.descriptor.DescriptorView.InputPortRef;
import dev.tessera.standards.descriptor.DescriptorView.OutputPortView;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptorViewTest {

    @Test
    void readsTheTesseraDescriptor() {
        DescriptorView view = new DescriptorView(Fixtures.ordersDescriptor());

        assertThat(view.id()).isEqualTo("orders");
        assertThat(view.name()).isEqualTo("Orders");
        assertThat(view.version()).isEqualTo("1.2.0");
        assertThat(view.domain()).isEqualTo("retail");
        assertThat(view.status()).isEqualTo("draft");
        assertThat(view.purpose()).contains("All orders placed in the web shop.");
        assertThat(view.limitations()).contains("No returns before 2021.");
        assertThat(view.tags()).containsExactly("sales", "orders");
        assertThat(view.inputPorts()).containsExactly(new InputPortRef("customers", "1.0.0", "customers-contract"));
        assertThat(view.teamName()).contains("retail-data");
        assertThat(view.teamMembers()).containsExactly("ann", "bob");
        assertThat(view.supportChannels()).containsExactly("#retail-data");
        assertThat(view.termsOfUse()).contains("Revenue reporting.");

        OutputPortView table = view.outputPorts().get(0);
        assertThat(table.name()).isEqualTo("orders-table");
        assertThat(table.type()).isEqualTo("tables");
        assertThat(table.description()).isEqualTo("One row per order.");
        assertThat(table.contractId()).isEqualTo("orders-contract");
        assertThat(table.contract()).isPresent();
        assertThat(table.servers()).containsExactly("postgresql://db.example:5432/shop/public");
        OutputPortView events = view.outputPorts().get(1);
        assertThat(events.contract()).isEmpty();
        assertThat(events.contractId()).isNull();
        assertThat(events.servers()).isEmpty();
    }

    @Test
    void prefersTheTermsOfUseCustomPropertyOverUsage() {
        JsonNode descriptor = Fixtures.yaml(Fixtures.ORDERS_DESCRIPTOR + """
                customProperties:
                  - property: termsOfUse
                    value: Internal use only.
                """);

        assertThat(new DescriptorView(descriptor).termsOfUse()).contains("Internal use only.");
    }

    static Stream<Path> odpsExamples() {
        return Corpus.odpsExamples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("odpsExamples")
    void readsTheOfficialExamples(Path example) {
        JsonNode odps = Fixtures.PARSER.parse(Corpus.read(example), true);

        DescriptorView view = new DescriptorView(odps);

        assertThat(view.id()).isEqualTo(odps.get("id").asText());
        assertThat(view.outputPorts()).hasSize(odps.get("outputPorts").size());
        assertThat(view.outputPorts()).allSatisfy(port -> {
            assertThat(port.name()).isNotBlank();
            assertThat(port.contractId()).isNotBlank();
        });
        assertThat(view.inputPorts()).extracting(InputPortRef::contractId).doesNotContainNull();
        assertThat(view.tags()).isNotEmpty();
    }

    @Test
    void readsCustomerExampleDetails() {
        Path customer = Corpus.odpsExamples().stream()
                .filter(path -> path.getFileName().toString().startsWith("customer"))
                .findFirst()
                .orElseThrow();

        DescriptorView view = new DescriptorView(Fixtures.PARSER.parse(Corpus.read(customer), true));

        assertThat(view.teamName()).contains("Data Team");
        assertThat(view.teamMembers()).containsExactly("john.doe@retailcorp.com", "jane.smith@retailcorp.com");
        assertThat(view.supportChannels()).containsExactly("Data Team Slack", "Email Support");
        assertThat(view.inputPorts()).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"outputPorts\": \"orders\", \"inputPorts\": 3, \"tags\": {\"a\": 1}, \"team\": []}",
                "{\"id\": 7, \"description\": \"text\", \"support\": [1, null, \"x\"], \"team\": {\"members\": \"ann\"}}",
                "{\"outputPorts\": [1, {\"name\": 2, \"contract\": \"x\"}, {\"contract\": {\"servers\": [{}, 3]}}]}",
                "{\"customProperties\": [{\"property\": \"termsOfUse\", \"value\": {\"x\": 1}}]}"
            })
    void toleratesGarbage(String json) {
        DescriptorView view = new DescriptorView(Fixtures.json(json));

        assertThat(view.id()).isNull();
        assertThat(view.name()).isNull();
        assertThat(view.purpose()).isEmpty();
        assertThat(view.termsOfUse()).isEmpty();
        assertThat(view.tags()).isEmpty();
        assertThat(view.inputPorts()).isEmpty();
        assertThat(view.teamName()).isEmpty();
        assertThat(view.teamMembers()).isEmpty();
        assertThat(view.supportChannels()).isEmpty();
        assertThat(view.outputPorts()).allSatisfy(port -> {
            assertThat(port.name()).isNull();
            assertThat(port.contract().isEmpty() || port.contract().get().isObject())
                    .isTrue();
        });
    }

    @Test
    void toleratesNullAndNonObjectRoots() {
        assertThat(new DescriptorView(null).outputPorts()).isEmpty();
        assertThat(new DescriptorView(JsonNodeFactory.instance.textNode("x")).id())
                .isNull();
        assertThat(new DescriptorView(JsonNodeFactory.instance.arrayNode()).tags())
                .isEmpty();
    }
}
