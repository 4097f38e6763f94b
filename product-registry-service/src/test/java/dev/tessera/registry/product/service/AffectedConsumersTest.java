package dev.tessera.registry.product.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AffectedConsumersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFindingsPortIsTheNameItsPathStartsWithWhateverLabelFollows() {
        assertThat(AffectedConsumers.portOf("outputPorts[orders-table].contract.schema[orders]"))
                .isEqualTo("orders-table");
        assertThat(AffectedConsumers.portOf("outputPorts[orders-table@2.0.0].contract"))
                .isEqualTo("orders-table");
        assertThat(AffectedConsumers.portOf("outputPorts[orders-table#2]")).isEqualTo("orders-table");
        assertThat(AffectedConsumers.portOf("outputPorts[]")).isNull();
        assertThat(AffectedConsumers.portOf("description.purpose")).isNull();
    }

    @Test
    void ownersAreTheTeamMembersWithRoleOwner() throws Exception {
        var descriptor = JSON.readTree("""
                {"team":{"members":[{"username":"ann","role":"owner"},{"username":"bob","role":"steward"},
                  {"name":"Cy","role":"Owner"},{"role":"owner"}]}}
                """);

        assertThat(AffectedConsumers.owners(descriptor)).containsExactly("ann", "Cy");
    }
}
