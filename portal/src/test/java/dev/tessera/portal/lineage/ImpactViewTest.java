package dev.tessera.portal.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lineage's impact answer becomes the affected products with why, the path and their owners. */
class ImpactViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String IMPACT = """
            {"root":{"key":"PORT:shop-orders/shop-orders-table","type":"PORT","id":"shop-orders/shop-orders-table"},
             "depth":25,"total":4,"partial":true,"reason":"NODE_CAP","next":null,"consumers":[],
             "productTotal":3,
             "products":[
              {"productId":"finance-revenue","name":"Revenue","owners":["fay","frank"],
               "domain":{"id":"finance","name":"Finance","ownerGroup":"/domains/finance"},"link":"input-port",
               "path":["PORT:shop-orders/shop-orders-table","PRODUCT:finance-revenue"],"links":["input-port"]},
              {"productId":"bi-dashboards","owners":[],"domain":{"id":"bi"},"link":"served-by-port",
               "path":["PORT:shop-orders/shop-orders-table","DATASET:postgres://db:5432/shop.public.orders",
                       "JOB:airflow/x","DATASET:postgres://db:5432/bi.public.kpis","PORT:bi-dashboards/kpis",
                       "PRODUCT:bi-dashboards"]}]}
            """;

    @Test
    void affectedProductsCarryWhyThePathAndLineagesTeamUntilTheRegistrySaysWhoOwnsThem() throws Exception {
        ImpactView impact = ImpactView.of(JSON.readTree(IMPACT));

        assertThat(impact.changed()).isEqualTo("PORT:shop-orders/shop-orders-table");
        assertThat(impact.productTotal()).isEqualTo(3);
        assertThat(impact.unlisted()).isEqualTo(1);
        assertThat(impact.partialNote()).contains("node limit").doesNotContainIgnoringCase("timeout");
        ImpactView.Affected revenue = impact.products().getFirst();
        assertThat(revenue.name()).isEqualTo("Revenue");
        assertThat(revenue.domain()).isEqualTo("Finance");
        assertThat(revenue.ownerGroup()).isEqualTo("/domains/finance");
        assertThat(revenue.owners()).containsExactly("fay", "frank");
        assertThat(revenue.ownersFromRegistry()).isFalse();
        assertThat(revenue.why()).contains("declared input port");
        assertThat(impact.products().get(1).path())
                .containsExactly(
                        "shop-orders/shop-orders-table",
                        "shop.public.orders",
                        "airflow/x",
                        "bi.public.kpis",
                        "bi-dashboards/kpis",
                        "bi-dashboards");
        assertThat(impact.products().get(1).why()).contains("dataset serves");

        ImpactView merged =
                impact.withRegistry(Map.of("finance-revenue", ImpactView.Registered.of(JSON.readTree("""
                        {"id":"finance-revenue","name":"Revenue","descriptor":{"name":"Revenue (daily)",
                          "team":{"members":[{"username":"fay","role":"owner"},{"username":"frank","role":"member"}]}}}
                        """))));
        assertThat(merged.products().getFirst().owners()).containsExactly("fay");
        assertThat(merged.products().getFirst().ownersFromRegistry()).isTrue();
        assertThat(merged.products().getFirst().name()).isEqualTo("Revenue (daily)");
        assertThat(merged.products().get(1).ownersFromRegistry()).isFalse();
        assertThat(merged.products().get(1).owners()).isEqualTo(List.of());
    }
}
