package dev.tessera.governance.access.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.EventType;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.governance.access.repository.AccessRequestEntity;
import dev.tessera.governance.access.repository.AccessRequestRepository;
import dev.tessera.governance.access.repository.AccessStatus;
import dev.tessera.governance.evaluation.repository.ProductStateEntity;
import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.outbox.Outbox;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Access requests to output ports. Approvers are the owning domain's owners, plus the people the
 * port's ODCS contract names as first- or second-level approvers in its {@code roles}. A contract
 * whose {@code customProperties} carry {@code accessPolicy: auto-approve} is approved on request.
 * Every step is recorded with who and when and published on {@code tessera.access}. A request
 * may name a consuming product only of one of the caller's domains.
 */
@ApplicationScoped
public class AccessRequestService {

    static final String AUTO_APPROVE = "auto-approve";

    /** The actor of a step governance takes by a contract's rule rather than a person's decision. */
    static final String RULE_ACTOR = "governance";

    private static final TypeReference<List<AccessRequestStateV1.Step>> STEPS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    AccessRequestRepository requests;

    @Inject
    ProductStateRepository products;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Transactional
    public AccessRequestEntity create(AccessRequestDraft input) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (input.productId() == null || input.productId().isBlank()) {
            errors.add(new Problem.FieldError("/productId", "required"));
        }
        if (input.portName() == null || input.portName().isBlank()) {
            errors.add(new Problem.FieldError("/portName", "required"));
        }
        if (input.purpose() == null || input.purpose().strip().length() < 10) {
            errors.add(new Problem.FieldError("/purpose", "say why you need the data, in at least 10 characters"));
        }
        if (input.requestedUntil() == null || !input.requestedUntil().isAfter(Instant.now())) {
            errors.add(new Problem.FieldError("/requestedUntil", "a time in the future (ISO-8601)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The access request is invalid.", errors);
        }
        ProductStateEntity product = products.findById(input.productId());
        if (product == null) {
            throw ApiException.invalidField(
                    "/productId", "no product '" + input.productId() + "' is known to governance");
        }
        JsonNode port = port(read(product.state).path("descriptor"), input.portName(), input.portVersion());
        String consumerDomain = null;
        if (input.consumingProductId() != null) {
            ProductStateEntity consuming = products.findById(input.consumingProductId());
            if (consuming == null) {
                throw ApiException.invalidField(
                        "/consumingProductId",
                        "no product '" + input.consumingProductId() + "' is known to governance");
            }
            requireConsumerOwner(consuming);
            consumerDomain = consuming.domainId;
        }
        Instant now = Instant.now();
        AccessRequestEntity r = new AccessRequestEntity();
        r.id = UUID.randomUUID().toString();
        r.productId = input.productId();
        r.portName = input.portName();
        r.portVersion = port.path("version").asText(input.portVersion());
        r.productDomainId = product.domainId;
        r.consumerSubject = caller.name();
        r.consumerProductId = input.consumingProductId();
        r.consumerDomainId = consumerDomain;
        r.purpose = input.purpose().strip();
        r.requestedUntil = input.requestedUntil();
        r.approvers = write(approvers(port.path("contract")));
        r.history = "[]";
        r.createdAt = now;
        r.status = AccessStatus.REQUESTED;
        step(r, AccessStatus.REQUESTED, caller.name(), null, EventType.ACCESS_REQUESTED);
        requests.persist(r);
        if (autoApproved(port)) {
            step(
                    r,
                    AccessStatus.APPROVED,
                    RULE_ACTOR,
                    "the port's contract allows access on request",
                    EventType.ACCESS_APPROVED);
        }
        return r;
    }

    public AccessRequestEntity get(String id) {
        AccessRequestEntity r = requests.findById(id);
        if (r == null || !maySee(r)) {
            throw ApiException.notFound("No access request '" + id + "'.");
        }
        return r;
    }

    public List<AccessRequestEntity> page(AccessStatus status, String afterId, int limit) {
        boolean everything = caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER);
        Set<String> domains = caller.hasRole(Roles.DOMAIN_OWNER) ? caller.ownedDomains() : Set.of();
        return requests.page(everything, caller.name(), domains, status, afterId, limit);
    }

    /** An approver's decision: APPROVED, or REJECTED with a reason. */
    @Transactional
    public AccessRequestEntity decide(String id, AccessStatus to, String reason) {
        if (to != AccessStatus.APPROVED && to != AccessStatus.REJECTED) {
            throw ApiException.invalidField("/status", "APPROVED or REJECTED");
        }
        AccessRequestEntity r = locked(id);
        requireApprover(r);
        if (to == AccessStatus.REJECTED) {
            requireReason(reason);
        }
        move(r, to, caller.name(), reason);
        return r;
    }

    /** A provisioner's report after acting on an approval: ACTIVE, or FAILED with a reason. */
    @Transactional
    public AccessRequestEntity provisioned(String id, AccessStatus to, String reason) {
        if (to != AccessStatus.ACTIVE && to != AccessStatus.FAILED) {
            throw ApiException.invalidField("/status", "ACTIVE or FAILED");
        }
        if (!caller.isAdmin()) {
            throw ApiException.forbidden(
                    "Provisioning results are reported by provisioner clients (platform-admin role).");
        }
        AccessRequestEntity r = locked(id);
        if (to == AccessStatus.FAILED) {
            requireReason(reason);
        }
        move(r, to, caller.name(), reason);
        return r;
    }

    /** Ends access before its time: approvers may revoke, and the consumer may give it up. */
    @Transactional
    public AccessRequestEntity revoke(String id, String reason) {
        AccessRequestEntity r = locked(id);
        if (!caller.name().equals(r.consumerSubject)) {
            requireApprover(r);
        }
        requireReason(reason);
        move(r, AccessStatus.REVOKED, caller.name(), reason);
        return r;
    }

    /** Expires every open request whose requestedUntil has passed; nobody has to act. */
    @Scheduled(
            every = "${tessera.governance.access.expiry-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireDue() {
        List<String> due = QuarkusTransaction.requiringNew().call(() -> requests.dueForExpiry(Instant.now(), 500));
        for (String id : due) {
            QuarkusTransaction.requiringNew().run(() -> {
                AccessRequestEntity r = requests.findForUpdate(id);
                // Another replica, or a person, may have moved it since the query.
                if (r != null && AccessStatus.OPEN.contains(r.status) && !r.requestedUntil.isAfter(Instant.now())) {
                    move(r, AccessStatus.EXPIRED, "system", "requestedUntil " + r.requestedUntil + " passed");
                }
            });
        }
    }

    /** The request's full state as published. */
    public AccessRequestStateV1 state(AccessRequestEntity r) {
        return new AccessRequestStateV1(
                r.id,
                r.sequence,
                r.productId,
                r.portName,
                r.portVersion,
                r.productDomainId,
                new AccessRequestStateV1.Consumer(r.consumerSubject, r.consumerProductId, r.consumerDomainId),
                r.purpose,
                r.requestedUntil,
                r.status.name(),
                read(r.history, STEPS),
                r.updatedAt);
    }

    public List<String> approvers(AccessRequestEntity r) {
        return read(r.approvers, STRINGS);
    }

    private void move(AccessRequestEntity r, AccessStatus to, String actor, String reason) {
        if (!r.status.canMoveTo(to)) {
            throw new ApiException(
                    ProblemType.ILLEGAL_TRANSITION,
                    "The request is " + r.status + "; from there it can move to "
                            + (r.status.allowedNext().isEmpty() ? "nothing (final state)" : r.status.allowedNext())
                            + ", not " + to + ".",
                    List.of(),
                    Map.of("from", r.status.name(), "to", to.name()));
        }
        step(r, to, actor, reason, event(to));
    }

    private void step(AccessRequestEntity r, AccessStatus to, String actor, String reason, EventType type) {
        Instant now = Instant.now();
        List<AccessRequestStateV1.Step> history = new ArrayList<>(read(r.history, STEPS));
        history.add(new AccessRequestStateV1.Step(to.name(), actor, now, reason));
        r.history = write(history);
        r.status = to;
        r.sequence++;
        r.updatedAt = now;
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("status", to.name());
        detail.put("productId", r.productId);
        detail.put("portName", r.portName);
        detail.put("reason", reason);
        String action = "access." + to.name().toLowerCase(java.util.Locale.ROOT);
        if (RULE_ACTOR.equals(actor)) {
            // Decided by the port's contract, not by the caller who asked for access.
            audit.recordDecidedBy(RULE_ACTOR, action, "access-request", r.id, detail);
        } else {
            audit.record(action, "access-request", r.id, detail);
        }
        outbox.enqueue(type, r.id, r.sequence, state(r));
    }

    private static EventType event(AccessStatus status) {
        return switch (status) {
            case REQUESTED -> EventType.ACCESS_REQUESTED;
            case APPROVED -> EventType.ACCESS_APPROVED;
            case REJECTED -> EventType.ACCESS_REJECTED;
            case ACTIVE -> EventType.ACCESS_ACTIVATED;
            case REVOKED -> EventType.ACCESS_REVOKED;
            case EXPIRED -> EventType.ACCESS_EXPIRED;
            case FAILED -> EventType.ACCESS_FAILED;
        };
    }

    private AccessRequestEntity locked(String id) {
        AccessRequestEntity r = requests.findForUpdate(id);
        if (r == null || !maySee(r)) {
            throw ApiException.notFound("No access request '" + id + "'.");
        }
        return r;
    }

    private boolean maySee(AccessRequestEntity r) {
        return caller.isAdmin()
                || caller.hasRole(Roles.GOVERNANCE_OFFICER)
                || caller.name().equals(r.consumerSubject)
                || isApprover(r);
    }

    private boolean isApprover(AccessRequestEntity r) {
        return caller.isAdmin()
                || caller.ownsDomain(r.productDomainId)
                || approvers(r).contains(caller.name());
    }

    private void requireApprover(AccessRequestEntity r) {
        if (!isApprover(r)) {
            throw ApiException.forbidden("Access to '" + r.productId + "' is decided by the owners of domain '"
                    + r.productDomainId + "' and the approvers its contract names " + approvers(r) + ".");
        }
    }

    /**
     * A request naming a consuming product tells lineage and governance that product will consume the
     * port, so it may only name a product of one of the caller's domains (platform admins name any).
     */
    private void requireConsumerOwner(ProductStateEntity consuming) {
        if (caller.canWriteDomain(consuming.domainId)) {
            return;
        }
        throw ApiException.forbidden("'" + consuming.productId + "' belongs to domain '" + consuming.domainId
                + "'; a request may name as its consumer only a product of a domain you own (your token's"
                + " domains are " + List.copyOf(caller.ownedDomains()) + "). Leave consumingProductId out to"
                + " ask for yourself, or ask that domain's owners to request access.");
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalidField("/reason", "say why");
        }
    }

    private static JsonNode port(JsonNode descriptor, String name, String version) {
        for (JsonNode p : descriptor.path("outputPorts")) {
            if (name.equals(p.path("name").asText())
                    && (version == null || version.equals(p.path("version").asText()))) {
                return p;
            }
        }
        throw ApiException.invalidField(
                version == null ? "/portName" : "/portVersion",
                "the product offers no output port '" + name + "'" + (version == null ? "" : " in version " + version));
    }

    /** First- and second-level approvers of the contract's ODCS roles. */
    private static List<String> approvers(JsonNode contract) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode role : contract.path("roles")) {
            for (String field : List.of("firstLevelApprovers", "secondLevelApprovers")) {
                JsonNode value = role.path(field);
                if (value.isTextual()) {
                    for (String name : value.asText().split(",")) {
                        if (!name.isBlank()) {
                            names.add(name.strip());
                        }
                    }
                } else if (value.isArray()) {
                    value.forEach(v -> names.add(v.asText()));
                }
            }
        }
        return List.copyOf(names);
    }

    private static boolean autoApproved(JsonNode port) {
        for (JsonNode holder : List.of(port.path("contract"), port)) {
            for (JsonNode c : holder.path("customProperties")) {
                if ("accessPolicy".equals(c.path("property").asText())
                        && AUTO_APPROVE.equals(c.path("value").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
