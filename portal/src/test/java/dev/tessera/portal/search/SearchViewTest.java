package dev.tessera.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search results and facets are read from whatever the catalog returns, new facets included. */
class SearchViewTest {

    @Test
    void hitsCarryTheirScoreBandAndQualityAndEveryReturnedFacetIsShownWithTheUsersPicksMarked() throws Exception {
        String body = """
                {"total":1,"next":"c2","items":[{"id":"retail-orders","name":"Orders","domain":"retail",
                  "status":"PUBLISHED","tags":["retail"],"complianceRating":"B","complianceScore":87.5,
                  "quality":{"status":"PASSING"},"containsPii":true}],
                 "facets":{"domain":[{"value":"retail","count":1},{"value":"finance","count":4}],
                           "quality":[{"value":"PASSING","count":1}],"empty":[]}}
                """;
        SearchView view = SearchView.of(new ObjectMapper().readTree(body), Map.of("domain", List.of("retail")));

        assertThat(view.total()).isEqualTo(1);
        assertThat(view.next()).isEqualTo("c2");
        assertThat(view.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.rating()).isEqualTo("B");
            assertThat(hit.score()).isEqualTo("88");
            assertThat(hit.quality()).isEqualTo("PASSING");
            assertThat(hit.containsPii()).isTrue();
        });
        assertThat(view.facets()).extracting(SearchView.Facet::label).containsExactly("Domain", "Quality");
        assertThat(view.facets().getFirst().values())
                .extracting(SearchView.FacetValue::selected)
                .containsExactly(true, false);
    }
}
