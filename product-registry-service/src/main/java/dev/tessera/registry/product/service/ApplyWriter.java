package dev.tessera.registry.product.service;

import dev.tessera.events.EventType;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.outbox.Outbox;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.OutputPortEntity;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductStore;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.standards.descriptor.DescriptorView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans and writes checked applies of different products in one transaction, set-based (ADR 0015): one round trip
 * reads and locks every product with its versions and who holds the contract ids they name, then each write is
 * decided on its own, in list order, and one more round trip writes everything decided, one statement per kind of
 * row, one for the audit entries and one for the outbox events, whatever the number of products.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Each write is decided exactly as a write of its own would be, against the product as locked: a refused one
 *       is reported with its problem, writes nothing, and does not stop the others.
 *   <li>The product ids of one call are distinct, so no write depends on another's unwritten rows; a caller with two
 *       writes of one product makes two calls, in order.
 *   <li>A contract id claimed by an earlier write of the same call counts as taken for the later ones, as it would
 *       if they had been written one after the other.
 *   <li>A write's audit entry names the caller who asked for it, and its event carries that caller's trace.
 *   <li>When a statement fails (two first writes of one product, from two transactions), the whole transaction rolls
 *       back and nothing of any write in it is stored; {@link ApplyQueue} then writes each one alone.
 * </ul>
 */
@ApplicationScoped
public class ApplyWriter {

    @Inject
    ProductStore store;

    @Inject
    ApplyPlanner planner;

    @Inject
    DescriptorChecks checks;

    @Inject
    DescriptorContent content;

    @Inject
    ProductMapper mapper;

    @Inject
    ProductEvents events;

    @Inject
    AuditLog audit;

    @Inject
    Outbox outbox;

    /**
     * A checked write waiting to be planned, with what the caller's request held: it may be written on another
     * thread.
     *
     * @param checked the checked descriptor
     * @param ifMatch the caller's If-Match, or null
     * @param actor who asked, for the audit entry and the version's author
     * @param traceparent the caller's trace, for the event; null when untraced
     */
    public record Pending(CheckedDescriptor checked, String ifMatch, AuditLog.Actor actor, String traceparent) {

        public String productId() {
            return checked.productId();
        }
    }

    /**
     * What became of one write: its outcome, or the problem that refused it.
     *
     * @param outcome the outcome; null when refused
     * @param refusal the problem; null when decided
     */
    public record Decided(ApplyOutcome outcome, ApiException refusal) {

        static Decided of(ApplyOutcome outcome) {
            return new Decided(outcome, null);
        }

        static Decided refused(ApiException refusal) {
            return new Decided(null, refusal);
        }

        /** The outcome, or the refusal thrown. */
        public ApplyOutcome get() {
            if (refusal != null) {
                throw refusal;
            }
            return outcome;
        }
    }

    /** Decides and writes {@code writes} (distinct products) in one transaction; one answer per write, in order. */
    @Transactional
    public List<Decided> write(List<Pending> writes) {
        return decide(writes, false);
    }

    /** Decides {@code writes} (distinct products) as {@link #write} would, without locking or writing anything. */
    @Transactional
    public List<Decided> check(List<Pending> writes) {
        return decide(writes, true);
    }

    private List<Decided> decide(List<Pending> writes, boolean dryRun) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> contractIds = new HashSet<>();
        for (Pending write : writes) {
            if (!ids.add(write.productId())) {
                throw new IllegalArgumentException("product " + write.productId() + " is written twice in one call");
            }
            contractIds.addAll(DescriptorChecks.contractIds(write.checked()));
        }
        ProductStore.Snapshot snapshot = store.read(ids, contractIds, !dryRun);
        Map<String, ProductStore.Stored> stored = snapshot.products();
        Map<String, List<ProductStore.ContractHolder>> holders = snapshot.holders();
        Map<String, String> claimed = new HashMap<>();
        Staged staged = new Staged(Instant.now());
        List<Decided> decided = new ArrayList<>(writes.size());
        for (Pending write : writes) {
            try {
                CheckedDescriptor checked = checks.checkPorts(write.checked(), holders, claimed);
                ApplyPlan plan = planner.plan(checked, stored.get(write.productId()), write.ifMatch());
                DescriptorChecks.claim(checked, claimed);
                if (dryRun) {
                    decided.add(Decided.of(ApplyOutcome.checked(plan)));
                } else if (plan.kind() == ApplyOutcome.Kind.UNCHANGED) {
                    decided.add(Decided.of(ApplyOutcome.unchanged(plan)));
                } else {
                    decided.add(Decided.of(stage(plan, write, staged)));
                }
            } catch (ApiException refusal) {
                decided.add(Decided.refused(refusal));
            }
        }
        if (!staged.changes.isEmpty()) {
            store.write(
                    staged.changes,
                    List.of(
                            new ProductStore.Statement(AuditLog.INSERT_ALL, audit.rows(staged.entries)),
                            new ProductStore.Statement(Outbox.INSERT_ALL, outbox.rows(staged.events))));
            outbox.written();
        }
        return decided;
    }

    /** What the writes of one transaction stage before it is written. */
    private static final class Staged {
        final Instant now;
        final ProductStore.Changes changes = new ProductStore.Changes();
        final List<AuditLog.Recorded> entries = new ArrayList<>();
        final List<Outbox.Traced> events = new ArrayList<>();

        Staged(Instant now) {
            this.now = now;
        }
    }

    /**
     * Stages what the plan decided: the product row, the version (a new DRAFT, replacing the open draft if the plan
     * says so, or the rewritten draft), its output ports, the audit entry and the outbox event. Returns the outcome
     * as the write will leave the product.
     */
    private ApplyOutcome stage(ApplyPlan plan, Pending write, Staged staged) {
        Instant now = staged.now;
        CheckedDescriptor checked = plan.checked();
        DescriptorView view = new DescriptorView(checked.descriptor());
        String name = view.name() == null || view.name().isBlank() ? checked.productId() : view.name();
        ProductEntity product = plan.product();
        ProductVersionEntity target = plan.target();
        String kind;
        EventType type;
        if (product == null) {
            product = new ProductEntity();
            product.id = checked.productId();
            product.domainId = checked.domainId();
            product.createdAt = now;
            product.sequence = 0;
            kind = ProductStateV1.ChangeKinds.CREATED;
            type = EventType.PRODUCT_CREATED;
        } else if (target != null) {
            kind = ProductStateV1.ChangeKinds.DRAFT_UPDATED;
            type = EventType.PRODUCT_UPDATED;
        } else {
            kind = ProductStateV1.ChangeKinds.VERSION_CREATED;
            type = EventType.PRODUCT_UPDATED;
        }
        product.name = name;
        product.sequence++;
        product.updatedAt = now;
        if (plan.product() == null) {
            staged.changes.create(product);
        } else {
            staged.changes.change(product);
        }
        if (plan.replacedDraft() != null) {
            staged.changes.remove(plan.replacedDraft());
        }
        if (target == null) {
            target = new ProductVersionEntity();
            target.productId = product.id;
            target.version = checked.version().toString();
            target.versionKey = checked.version().sortKey();
            target.status = Lifecycle.DRAFT;
            target.createdAt = now;
            target.createdBy = write.actor().name();
            target.statusChangedAt = now;
            staged.changes.add(target);
        } else {
            staged.changes.rewrite(target);
        }
        target.descriptor = checked.descriptor().toString();
        target.descriptorText = target.descriptor;
        target.descriptorHash = content.hash(checked.descriptor());
        target.findings = mapper.write(plan.findings());
        target.updatedAt = now;
        for (DescriptorView.OutputPortView port : view.outputPorts()) {
            OutputPortEntity row = new OutputPortEntity();
            row.productId = product.id;
            row.productVersion = target.version;
            row.name = port.name();
            row.portVersion = port.version() == null ? "" : port.version();
            row.portType = port.type();
            row.contractId = port.contractId();
            staged.changes.port(row);
        }
        List<ProductVersionEntity> after = new ArrayList<>(plan.existingVersions());
        after.remove(plan.replacedDraft());
        if (plan.target() == null) {
            after.add(target);
        }
        after.sort(Comparator.comparing(v -> v.versionKey));

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", plan.kind().name());
        detail.put("version", target.version);
        detail.put("changes", plan.changes().size());
        if (plan.replacedDraft() != null) {
            detail.put("replacedDraft", plan.replacedDraft().version);
        }
        staged.entries.add(new AuditLog.Recorded(
                write.actor(),
                "product." + plan.kind().name().toLowerCase(Locale.ROOT),
                "product",
                product.id,
                detail));
        staged.events.add(new Outbox.Traced(
                events.queued(
                        type,
                        product,
                        after,
                        new ProductStateV1.Change(
                                kind, target.version, null, null, write.actor().name(), null)),
                write.traceparent()));
        return ApplyOutcome.written(plan, product, List.copyOf(after));
    }
}
