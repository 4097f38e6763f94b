package dev.tessera.registry.product.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.audit.AuditRepository;
import dev.tessera.platform.outbox.OutboxRepository;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.standards.contract.SemanticVersion;
import dev.tessera.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@RegistryTestResources
class GroupCommitTest {

    private static final AuditLog.Actor TESTER = new AuditLog.Actor("group-commit-test", null, null);

    @Inject
    ApplyQueue queue;

    @Inject
    ApplyWriter writer;

    @Inject
    DescriptorInput input;

    @Inject
    OutboxRepository outboxRows;

    @Inject
    AuditRepository auditRows;

    @Inject
    EntityManager entities;

    @Inject
    MeterRegistry meters;

    @Test
    void concurrentWritesOfOneProductEachBuildOnThePreviousOne() throws Exception {
        String domain = Api.newDomain("group-same");
        String owner = TestTokens.domainOwner(domain);
        String id = Api.newProductId("contended");
        Api.applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        int writers = 8;

        List<Response> answers = concurrently(
                writers,
                i -> Api.applyYaml(
                        owner, id, Descriptors.orders(id, domain, "1.0.0", "decimal(" + (20 + i) + ",2)", false)));

        assertThat(answers).extracting(Response::statusCode).containsOnly(200);
        assertThat(answers).extracting(r -> r.jsonPath().getString("outcome")).containsOnly("UPDATED");
        // Each write moved the product on by one: every ETag from 2 to 9 was handed out once.
        Set<String> etags = answers.stream().map(r -> r.header("ETag")).collect(Collectors.toSet());
        assertThat(etags).hasSize(writers);
        assertThat(etags)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(2, writers + 1)
                        .mapToObj(s -> "\"" + s + "\"")
                        .toList());
        Api.as(owner).get(Api.BASE + "/products/" + id).then().statusCode(200).header("ETag", "\"9\"");
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(auditRows.count("targetId", id)).isEqualTo(writers + 1L);
        });
    }

    @Test
    void concurrentWritersHoldingOneETagAreServedOneAtATime() throws Exception {
        String domain = Api.newDomain("group-etag");
        String owner = TestTokens.domainOwner(domain);
        String id = Api.newProductId("guarded");
        Api.applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);

        List<Response> answers = concurrently(6, i -> Api.as(owner)
                .contentType("application/yaml")
                .header("If-Match", "\"1\"")
                .body(Descriptors.orders(id, domain, "1.0.0", "decimal(" + (30 + i) + ",2)", false))
                .put(Api.BASE + "/products/" + id));

        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 412)).hasSize(5);
        Api.as(owner).get(Api.BASE + "/products/" + id).then().header("ETag", "\"2\"");
    }

    @Test
    void aRefusedWriteInAGroupLeavesTheOthersWritten() {
        String domain = Api.newDomain("group-refused");
        String first = Api.newProductId("first");
        String stale = Api.newProductId("stale");
        String last = Api.newProductId("last");
        Api.applyYaml(TestTokens.domainOwner(domain), stale, Descriptors.orders(stale, domain, "1.0.0"))
                .then()
                .statusCode(201);

        List<CompletableFuture<ApplyOutcome>> answers = queue.writeAsOneGroup(List.of(
                pending(first, domain, "decimal(10,2)", null),
                pending(stale, domain, "decimal(14,2)", "\"7\""),
                pending(last, domain, "decimal(10,2)", null)));

        assertThat(answers.get(0).join().kind()).isEqualTo(ApplyOutcome.Kind.CREATED);
        assertThat(answers.get(1)).isCompletedExceptionally();
        assertThat(failure(answers.get(1)).type().status()).isEqualTo(412);
        assertThat(answers.get(2).join().kind()).isEqualTo(ApplyOutcome.Kind.CREATED);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(sequenceOf(stale)).isEqualTo(1L);
            assertThat(auditRows.count("targetId", stale)).isEqualTo(1L);
            assertThat(sequenceOf(first)).isEqualTo(1L);
            assertThat(sequenceOf(last)).isEqualTo(1L);
        });
    }

    @Test
    void aGroupWhoseTransactionFailsStoresNothingAndEachWriteIsThenDecidedAlone() throws Exception {
        String domain = Api.newDomain("group-split");
        String calm = Api.newProductId("calm");
        String race = Api.newProductId("race");
        double splitsBefore = splits();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // Another transaction creates `race` first and keeps it uncommitted while the group plans its own create.
            Future<?> rival =
                    threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                        writer.write(List.of(pending(race, domain, "decimal(10,2)", null)))
                                .getFirst()
                                .get();
                        inserted.countDown();
                        try {
                            assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
            assertThat(inserted.await(60, TimeUnit.SECONDS)).isTrue();
            Future<List<CompletableFuture<ApplyOutcome>>> group = threads.submit(() -> queue.writeAsOneGroup(List.of(
                    pending(calm, domain, "decimal(10,2)", null), pending(race, domain, "decimal(16,2)", null))));
            // The group's insert of `race` waits for the rival's; let the rival commit only then.
            await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForALock);
            release.countDown();
            rival.get(60, TimeUnit.SECONDS);
            List<CompletableFuture<ApplyOutcome>> answers = group.get(60, TimeUnit.SECONDS);

            assertThat(splits()).isEqualTo(splitsBefore + 1);
            assertThat(answers.get(0).join().kind()).isEqualTo(ApplyOutcome.Kind.CREATED);
            // Decided alone against the rival's product, the second write of `race` edits its draft.
            assertThat(answers.get(1).join().kind()).isEqualTo(ApplyOutcome.Kind.UPDATED);
            QuarkusTransaction.requiringNew().run(() -> {
                // The failed group left nothing behind: `calm` was created once, by its write alone.
                assertThat(auditRows.count("targetId", calm)).isEqualTo(1L);
                assertThat(auditRows.count("targetId", race)).isEqualTo(2L);
                assertThat(sequenceOf(race)).isEqualTo(2L);
                assertThat(sequenceOf(calm)).isEqualTo(1L);
            });
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private boolean someoneWaitsForALock() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entities.createNativeQuery(
                                                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                                        .getSingleResult())
                                .longValue()
                        > 0);
    }

    private long sequenceOf(String productId) {
        return ((Number) entities.createNativeQuery("SELECT sequence FROM data_product WHERE id = ?1")
                        .setParameter(1, productId)
                        .getSingleResult())
                .longValue();
    }

    private double splits() {
        return meters.get("tessera.registry.apply.group.split").counter().count();
    }

    /** A write of the orders fixture, checked as the caller's thread checks it, by an admin. */
    private ApplyWriter.Pending pending(String id, String domain, String amountType, String ifMatch) {
        ObjectNode descriptor = (ObjectNode) input.submission(
                        Descriptors.orders(id, domain, "1.0.0", amountType, false)
                                .getBytes(StandardCharsets.UTF_8),
                        "application/yaml")
                .product();
        CheckedDescriptor checked = new CheckedDescriptor(
                id,
                domain,
                SemanticVersion.parse("1.0.0"),
                descriptor,
                List.of(),
                Map.of(),
                Submission.Form.DESCRIPTOR);
        return new ApplyWriter.Pending(checked, ifMatch, TESTER, null);
    }

    private static ApiException failure(CompletableFuture<?> answer) {
        try {
            answer.get();
            throw new AssertionError("expected a refusal");
        } catch (ExecutionException e) {
            return (ApiException) e.getCause();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Call {
        Response send(int i);
    }

    /** Sends {@code count} calls at once, one thread each; the answers in call order. */
    private static List<Response> concurrently(int count, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.send(n);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
