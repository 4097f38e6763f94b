package dev.tessera.governance.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.EventType;
import dev.tessera.events.governance.EvaluationV1;
import dev.tessera.events.governance.PublishDecisionV1;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.governance.evaluation.repository.EvaluationEntity;
import dev.tessera.governance.evaluation.repository.EvaluationRepository;
import dev.tessera.governance.evaluation.repository.ProductScoreEntity;
import dev.tessera.governance.evaluation.repository.ProductStateEntity;
import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.governance.evaluation.repository.ScoreSnapshotEntity;
import dev.tessera.governance.evaluation.variables.ProductContexts;
import dev.tessera.governance.policy.engine.ExecutablePolicy;
import dev.tessera.governance.policy.engine.PolicyEvaluator;
import dev.tessera.governance.policy.engine.PolicyResult;
import dev.tessera.governance.policy.engine.ProductContext;
import dev.tessera.governance.policy.engine.Scoring;
import dev.tessera.governance.policy.service.PolicyCatalog;
import dev.tessera.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates products against the policies in force and records the result: the evaluation with
 * every outcome, the product's current score, and an EvaluationV1 event (plus a PublishDecisionV1
 * when the registry asked to publish), all in one transaction through the outbox.
 */
@ApplicationScoped
public class EvaluationService {

    static final String PRODUCTS_CONSUMER = "products";

    @Inject
    ProductStateRepository states;

    @Inject
    EvaluationRepository evaluations;

    @Inject
    PolicyCatalog catalog;

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    Outbox outbox;

    @Inject
    ProductContexts contexts;

    @Inject
    ObjectMapper json;

    /**
     * Applies one product event from the registry: a redelivered event id, or a sequence at or below
     * the last applied for the product, changes nothing. Otherwise the state is kept and evaluated.
     */
    @Transactional
    public void onProductState(String eventId, EventType type, ProductStateV1 state, JsonNode payload) {
        if (eventId != null && !states.markProcessed(PRODUCTS_CONSUMER, eventId)) {
            return;
        }
        ProductStateEntity row = states.findForUpdate(state.productId());
        if (row != null && row.sequence >= state.sequence()) {
            return;
        }
        boolean isNew = row == null;
        if (isNew) {
            row = new ProductStateEntity();
            row.productId = state.productId();
        }
        row.domainId = state.domainId();
        row.sequence = state.sequence();
        row.state = payload.toString();
        row.updatedAt = Instant.now();
        if (isNew) {
            states.persist(row);
        }
        boolean publishRequested = type == EventType.PRODUCT_PUBLISH_REQUESTED && state.change() != null;
        record(
                row,
                state,
                payload,
                publishRequested ? Trigger.PUBLISH_REQUESTED : Trigger.PRODUCT_CHANGED,
                publishRequested ? state.change().version() : null);
    }

    /** Re-evaluates one product from its stored state; nothing happens for a product never seen. */
    @Transactional
    public void evaluate(String productId, Trigger trigger) {
        ProductStateEntity row = states.findForUpdate(productId);
        if (row == null) {
            return;
        }
        JsonNode payload = read(row.state);
        record(row, treeToState(payload), payload, trigger, null);
    }

    /** Re-evaluates a page of products, each with its own lock, in one transaction. */
    @Transactional
    public void evaluatePage(List<String> productIds, Trigger trigger) {
        for (String id : productIds) {
            evaluate(id, trigger);
        }
    }

    /** Evaluates an arbitrary policy list against a descriptor, recording nothing (dry runs). */
    public List<PolicyResult> tryOn(List<ExecutablePolicy> policies, ProductStateV1 state, JsonNode payload) {
        return evaluator.evaluateAll(policies, context(state, payload));
    }

    /** Takes a snapshot of every domain's and the platform's score, for trends. */
    @Transactional
    public void snapshotScores() {
        Instant now = Instant.now();
        snapshot("PLATFORM", "*", evaluations.aggregate(null), now);
        for (String domain : evaluations.domains()) {
            snapshot("DOMAIN", domain, evaluations.aggregate(domain), now);
        }
    }

    private void snapshot(String scope, String scopeId, EvaluationRepository.Aggregate aggregate, Instant at) {
        ScoreSnapshotEntity s = new ScoreSnapshotEntity();
        s.scope = scope;
        s.scopeId = scopeId;
        s.score = aggregate.score();
        s.rating = Scoring.rating(aggregate.score());
        s.products = aggregate.products();
        s.takenAt = at;
        evaluations.snapshot(s);
    }

    private void record(
            ProductStateEntity row, ProductStateV1 state, JsonNode payload, Trigger trigger, String publishVersion) {
        List<ExecutablePolicy> policies = catalog.applicableTo(row.domainId);
        List<PolicyResult> results = evaluator.evaluateAll(policies, context(state, payload));
        Scoring.Score score = Scoring.of(results);
        Instant now = Instant.now();
        List<EvaluationV1.PolicyOutcome> outcomes = results.stream()
                .map(r -> new EvaluationV1.PolicyOutcome(
                        r.policyId(),
                        r.policyVersion(),
                        r.name(),
                        r.severity().name(),
                        r.outcome().name(),
                        r.message(),
                        r.remediation(),
                        r.evidence()))
                .toList();

        EvaluationEntity evaluation = new EvaluationEntity();
        evaluation.productId = row.productId;
        evaluation.sequence = ++row.eventSequence;
        evaluation.productSequence = row.sequence;
        evaluation.version = publishVersion != null ? publishVersion : state.headVersion();
        evaluation.published = isPublished(state, evaluation.version);
        evaluation.domainId = row.domainId;
        evaluation.score = score.score();
        evaluation.rating = score.rating();
        evaluation.blockingFailures = score.blockingFailures();
        evaluation.trigger = trigger.name();
        evaluation.outcomes = write(outcomes);
        evaluation.evaluatedAt = now;
        evaluations.persist(evaluation);

        ProductScoreEntity current = new ProductScoreEntity();
        current.productId = row.productId;
        current.domainId = row.domainId;
        current.score = score.score();
        current.rating = score.rating();
        current.blockingFailures = score.blockingFailures();
        current.evaluationId = evaluation.id;
        current.evaluatedAt = now;
        evaluations.saveScore(current);

        outbox.enqueue(
                EventType.EVALUATION_COMPLETED,
                row.productId,
                evaluation.sequence,
                new EvaluationV1(
                        row.productId,
                        evaluation.sequence,
                        row.sequence,
                        evaluation.version,
                        row.domainId,
                        score.score(),
                        score.rating(),
                        score.blockingFailures(),
                        outcomes,
                        now));

        if (publishVersion != null) {
            List<PublishDecisionV1.Failure> failures = results.stream()
                    .filter(PolicyResult::blocks)
                    .map(r -> new PublishDecisionV1.Failure(
                            r.policyId(), r.name(), r.outcome().name(), r.message(), r.remediation()))
                    .toList();
            long sequence = ++row.eventSequence;
            outbox.enqueue(
                    EventType.PUBLISH_DECIDED,
                    row.productId,
                    sequence,
                    new PublishDecisionV1(
                            row.productId, sequence, publishVersion, row.sequence, failures.isEmpty(), failures, now));
        }
    }

    /** Lifecycle states of a version that has been published: its content is no longer a draft. */
    private static final java.util.Set<String> PUBLISHED_STATES =
            java.util.Set.of("PUBLISHED", "DEPRECATED", "RETIRED");

    /** True when the product's state lists the version as published (or beyond). */
    static boolean isPublished(ProductStateV1 state, String version) {
        if (version == null || state.versions() == null) {
            return false;
        }
        return state.versions().stream()
                .anyMatch(v ->
                        version.equals(v.version()) && v.status() != null && PUBLISHED_STATES.contains(v.status()));
    }

    private ProductContext context(ProductStateV1 state, JsonNode payload) {
        return contexts.of(state.productId(), payload, Instant.now());
    }

    private ProductStateV1 treeToState(JsonNode payload) {
        try {
            return json.treeToValue(payload, ProductStateV1.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product state is unreadable", e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product state is unreadable", e);
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
