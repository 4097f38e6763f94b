package dev.tessera.portal.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The product page reads the registry's product (ODPS with ODCS inline) into what it shows. */
class ProductViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PRODUCT = """
            {"id":"retail-orders","domain":"retail","name":"Orders","status":"PUBLISHED",
             "versions":[{"version":"1.0.0","status":"PUBLISHED","statusChangedAt":"2026-01-02T00:00:00Z"},
                         {"version":"2.0.0","status":"DRAFT","createdAt":"2026-02-01T00:00:00Z"}],
             "descriptor":{"id":"retail-orders","name":"Orders","version":"1.0.0","domain":"retail","tags":["retail"],
               "description":{"purpose":"Every order.","usage":"Reporting.","limitations":"No refunds."},
               "team":{"name":"retail-data","members":[{"username":"rita","role":"owner"},{"username":"sam","role":"member"}]},
               "support":[{"channel":"#retail","url":"https://chat.example.com/retail"},{"channel":"x","url":"javascript:alert(1)"}],
               "inputPorts":[{"name":"customers-in","version":"1.0.0","contractId":"customers-contract"}],
               "outputPorts":[{"name":"orders-table","type":"tables","version":"1.0.0","contract":{
                 "id":"orders-contract","version":"1.0.0","status":"active",
                 "servers":[{"server":"warehouse","type":"postgres","host":"db.example.com","port":5432}],
                 "slaProperties":[{"property":"latency","value":4,"unit":"h"}],
                 "quality":[{"type":"library","metric":"rowCount","mustBeGreaterThan":0}],
                 "schema":[{"name":"orders","properties":[
                   {"name":"id","logicalType":"string","primaryKey":true,"required":true,"description":"Order id"},
                   {"name":"email","logicalType":"string","classification":"restricted","tags":["pii"],
                    "quality":[{"name":"valid email","type":"sql","query":"select 1"}]},
                   {"name":"address","logicalType":"object","properties":[{"name":"city","physicalType":"varchar"}]}]}]}}]}}
            """;

    @Test
    void theDescriptionTeamSupportVersionsAndPortsAreRead() throws Exception {
        ProductView p = ProductView.of(JSON.readTree(PRODUCT));

        assertThat(p.name()).isEqualTo("Orders");
        assertThat(p.status()).isEqualTo("PUBLISHED");
        assertThat(p.purpose()).isEqualTo("Every order.");
        assertThat(p.limitations()).isEqualTo("No refunds.");
        assertThat(p.owners()).containsExactly("rita");
        assertThat(p.versions()).extracting(ProductView.Version::status).containsExactly("PUBLISHED", "DRAFT");
        assertThat(p.versions())
                .extracting(ProductView.Version::since)
                .containsExactly("2026-01-02 00:00 UTC", "2026-02-01 00:00 UTC");
        assertThat(p.inputPorts())
                .singleElement()
                .extracting(ProductView.InputPort::contractId)
                .isEqualTo("customers-contract");
        // Only http(s) and mailto become links.
        assertThat(p.support())
                .extracting(ProductView.Support::url)
                .containsExactly("https://chat.example.com/retail", null);
    }

    @Test
    void theContractBecomesASchemaTableWithNestedColumnsFlattenedAndItsRulesSlasAndServers() throws Exception {
        JsonNode product = JSON.readTree(PRODUCT);
        ContractView c = ProductView.of(product).outputPorts().getFirst().contract();

        assertThat(c.schema()).singleElement().satisfies(object -> {
            assertThat(object.columns())
                    .extracting(ContractView.Column::name)
                    .containsExactly("id", "email", "address", "address.city");
            ContractView.Column id = object.columns().get(0);
            assertThat(id.key()).isTrue();
            assertThat(id.required()).isTrue();
            ContractView.Column email = object.columns().get(1);
            assertThat(email.classification()).isEqualTo("restricted");
            assertThat(email.pii()).isTrue();
            assertThat(object.columns().get(3).type()).isEqualTo("varchar");
        });
        assertThat(c.slas()).singleElement().satisfies(s -> {
            assertThat(s.property()).isEqualTo("latency");
            assertThat(s.value()).isEqualTo("4");
            assertThat(s.unit()).isEqualTo("h");
        });
        assertThat(c.servers()).singleElement().satisfies(s -> assertThat(s.title())
                .isEqualTo("warehouse"));
        assertThat(c.qualityRules())
                .extracting(ContractView.Properties::title)
                .containsExactly("Contract", "email: valid email");
    }
}
