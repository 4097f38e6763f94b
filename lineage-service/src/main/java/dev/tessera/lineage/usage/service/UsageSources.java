package dev.tessera.lineage.usage.service;

import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.lineage.usage.model.Grant;
import dev.tessera.lineage.usage.repository.UsageStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Declared and granted consumers, from the platform's events, in the transaction that applies each
 * event: a product's input ports declare it a consumer of the products offering their contracts,
 * and an access grant makes its holder a consumer while it is ACTIVE (a grant that ended is
 * remembered, with when it was active). Each change announces the affected products' consumers.
 */
@ApplicationScoped
public class UsageSources {

    @Inject
    UsageStateRepository state;

    @Inject
    UsageAnnouncer announcer;

    @Inject
    EntityManager entities;

    @Inject
    UsageClock clock;

    /** The products whose contracts a product's input ports name, before its new state is applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> providersOf(String productId) {
        return state.providersOf(productId);
    }

    /**
     * After a product's state was applied: its own usage (it may offer contracts others declared,
     * or have been published) and that of every product it declares or declared an input on.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void productApplied(String productId, Set<String> providersBefore) {
        entities.flush();
        Set<String> affected = new TreeSet<>(providersBefore);
        affected.addAll(state.providersOf(productId));
        affected.add(productId);
        announcer.announce(affected);
    }

    /** Applies an access request's state: remembered once ACTIVE, its end noted when it leaves ACTIVE. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accessApplied(AccessRequestStateV1 request) {
        if (request.productId() == null) {
            return;
        }
        Instant at = request.updatedAt() != null ? request.updatedAt() : clock.now();
        AccessRequestStateV1.Consumer consumer = request.consumer();
        boolean changed = Grant.ACTIVE.equals(request.status())
                ? state.grantActive(
                        request.requestId(),
                        request.productId(),
                        request.portName(),
                        consumer == null ? null : consumer.productId(),
                        consumer == null ? null : consumer.domainId(),
                        consumer == null ? null : consumer.subject(),
                        at)
                : state.grantEnded(request.requestId(), request.status(), at);
        if (changed) {
            announcer.announce(Set.of(request.productId()));
        }
    }
}
