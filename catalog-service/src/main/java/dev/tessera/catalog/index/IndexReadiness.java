package dev.tessera.catalog.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the index is being built from the topics for the first time: answers would be incomplete. */
@Readiness
@ApplicationScoped
public class IndexReadiness implements HealthCheck {

    @Inject
    CatalogIndex index;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("catalog-index")
                .status(index.isReady())
                .withData("generation", index.generation())
                .withData("rebuilding", index.isRebuilding())
                .build();
    }
}
