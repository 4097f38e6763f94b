package dev.tessera.registry.product.service;

import dev.tessera.events.EventType;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.platform.outbox.Outbox;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Where every product change leaves the registry: an outbox row written in the caller's transaction, so the event
 * exists exactly when the change does, carrying the product's full state after it and keyed by product with its
 * sequence, which consumers use to drop stale or repeated events.
 */
@ApplicationScoped
public class ProductEvents {

    @Inject
    Outbox outbox;

    @Inject
    ProductMapper mapper;

    /**
     * Enqueues the event for a change already applied to {@code product}.
     *
     * @param versions all of the product's versions after the change, oldest first
     */
    public void publish(
            EventType type, ProductEntity product, List<ProductVersionEntity> versions, ProductStateV1.Change change) {
        outbox.enqueue(type, product.id, product.sequence, mapper.state(product, versions, change));
    }

    /** The event for a change, for a writer that queues the events of many changes in one statement. */
    public Outbox.Queued queued(
            EventType type, ProductEntity product, List<ProductVersionEntity> versions, ProductStateV1.Change change) {
        return new Outbox.Queued(type, product.id, product.sequence, mapper.state(product, versions, change));
    }
}
