package dev.tessera.lineage.graph.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until this replica's index holds every change published before it was rebuilt: until
 * then a traversal could miss what another replica wrote.
 */
@Readiness
@ApplicationScoped
public class IndexReadiness implements HealthCheck {

    @Inject
    IndexFeed feed;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("lineage-index")
                .status(feed.caughtUp())
                .withData("group", String.valueOf(feed.group()))
                .withData("lagRecords", feed.lag())
                .build();
    }
}
