package dev.tessera.registry.domain.service;

import dev.tessera.events.EventType;
import dev.tessera.events.domain.DomainStateV1;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.outbox.Outbox;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.ETags;
import dev.tessera.registry.domain.repository.DomainEntity;
import dev.tessera.registry.domain.repository.DomainRepository;
import dev.tessera.standards.text.UserText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates and changes domains; every change is audited and published on {@code tessera.domains}. */
@ApplicationScoped
public class DomainService {

    @Inject
    DomainRepository domains;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    Outbox outbox;

    /** Result of a write: the domain and whether it was created. */
    public record Written(DomainEntity domain, boolean created) {}

    @Transactional
    public Written create(DomainDefinition definition) {
        caller.requireAdmin("create domains");
        if (definition.id() == null) {
            throw ApiException.invalidField("/id", "a new domain needs an id");
        }
        if (domains.findById(definition.id()) != null) {
            throw ApiException.conflict(
                    "Domain " + UserText.quote(definition.id()) + " exists already; PUT to it to change it.");
        }
        return new Written(insert(definition.id(), definition), true);
    }

    /** Creates the domain (admins only) or updates it (admins and its owners). */
    @Transactional
    public Written put(String id, DomainDefinition definition, String ifMatch) {
        DomainEntity existing = domains.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (existing == null) {
            caller.requireAdmin("create domains");
            return new Written(insert(id, definition), true);
        }
        caller.requireDomainWrite(id);
        ETags.check(ifMatch, existing.sequence);
        validateParent(id, definition.parentId());
        if (!caller.isAdmin() && !Objects.equals(existing.ownerGroup, definition.ownerGroup())) {
            throw ApiException.forbidden("Only platform admins may hand a domain to another owner group.");
        }
        boolean changed = !Objects.equals(existing.name, definition.name())
                || !Objects.equals(existing.description, definition.description())
                || !Objects.equals(existing.ownerGroup, definition.ownerGroup())
                || !Objects.equals(existing.parentId, definition.parentId());
        if (!changed) {
            return new Written(existing, false);
        }
        existing.name = definition.name();
        existing.description = definition.description();
        existing.ownerGroup = definition.ownerGroup();
        existing.parentId = definition.parentId();
        existing.sequence++;
        existing.updatedAt = Instant.now();
        publish(existing, "domain.updated");
        return new Written(existing, false);
    }

    public DomainEntity get(String id) {
        DomainEntity domain = domains.findById(id);
        if (domain == null) {
            throw ApiException.notFound("No domain " + UserText.quote(id) + ".");
        }
        return domain;
    }

    public List<DomainEntity> page(String afterId, int limit) {
        return domains.pageAfter(afterId, limit);
    }

    private DomainEntity insert(String id, DomainDefinition definition) {
        validateParent(id, definition.parentId());
        DomainEntity domain = new DomainEntity();
        domain.id = id;
        domain.name = definition.name();
        domain.description = definition.description();
        domain.ownerGroup = definition.ownerGroup();
        domain.parentId = definition.parentId();
        domain.sequence = 1;
        domain.createdAt = Instant.now();
        domain.updatedAt = domain.createdAt;
        domains.persist(domain);
        publish(domain, "domain.created");
        return domain;
    }

    private void validateParent(String id, String parentId) {
        if (parentId == null) {
            return;
        }
        if (domains.findById(parentId) == null) {
            throw ApiException.invalidField("/parentId", "no domain " + UserText.quote(parentId) + " to be the parent");
        }
        if (domains.wouldCycle(id, parentId)) {
            throw ApiException.invalidField(
                    "/parentId", "domain " + UserText.quote(parentId) + " is " + UserText.quote(id) + " or below it");
        }
    }

    private void publish(DomainEntity d, String action) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("name", d.name);
        detail.put("ownerGroup", d.ownerGroup);
        detail.put("parentId", d.parentId);
        audit.record(action, "domain", d.id, detail);
        outbox.enqueue(
                EventType.DOMAIN_UPSERTED,
                d.id,
                d.sequence,
                new DomainStateV1(d.id, d.sequence, d.name, d.description, d.ownerGroup, d.parentId, d.updatedAt));
    }
}
