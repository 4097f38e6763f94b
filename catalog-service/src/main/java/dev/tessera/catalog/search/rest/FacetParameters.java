package dev.tessera.catalog.search.rest;

import dev.tessera.catalog.index.Facet;
import dev.tessera.catalog.index.Facets;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents every facet as a parameter of the search operation: {@link SearchResource} reads the facets
 * from the query string by name, so the API document takes them from {@link Facets#ALL} too.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class FacetParameters implements OASFilter {

    /** The search operation's path in the API document. */
    static final String SEARCH = "/api/catalog/v1/search";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        PathItem path = api.getPaths() == null ? null : api.getPaths().getPathItem(SEARCH);
        Operation search = path == null ? null : path.getGET();
        if (search == null) {
            return;
        }
        for (Facet facet : Facets.ALL) {
            search.addParameter(OASFactory.createParameter()
                    .name(facet.name())
                    .in(Parameter.In.QUERY)
                    .description(facet.description() + " May repeat: the values are alternatives.")
                    .style(Parameter.Style.FORM)
                    .explode(true)
                    .schema(OASFactory.createSchema()
                            .addType(Schema.SchemaType.ARRAY)
                            .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        }
    }
}
