package dev.tessera.governance.evaluation.service;

import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.governance.policy.service.PolicyCatalog;
import dev.tessera.governance.policy.service.PolicyChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Re-evaluates every product after a policy change. Runs on one background thread; changes that
 * arrive while a pass runs are folded into one more pass, so a burst of edits costs at most two.
 * The policies are reloaded before each pass, so the pass sees every change committed before it.
 */
@ApplicationScoped
public class Reevaluator {

    private static final Logger LOG = Logger.getLogger(Reevaluator.class);
    private static final int PAGE = 200;

    @Inject
    ProductStateRepository states;

    @Inject
    EvaluationService evaluations;

    @Inject
    PolicyCatalog catalog;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "governance-reevaluation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    void onPolicyChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PolicyChanged change) {
        requestAll();
    }

    /** Asks for a pass over every product; returns at once. */
    public void requestAll() {
        dirty.set(true);
        if (running.compareAndSet(false, true)) {
            worker.submit(this::drain);
        }
    }

    private void drain() {
        try {
            while (dirty.getAndSet(false)) {
                catalog.refresh();
                reevaluateAll();
            }
        } catch (RuntimeException e) {
            LOG.error("Re-evaluation after a policy change failed; the next policy change retries", e);
        } finally {
            running.set(false);
            if (dirty.get() && running.compareAndSet(false, true)) {
                worker.submit(this::drain);
            }
        }
    }

    /** Evaluates every known product against the policies in force, page by page. */
    void reevaluateAll() {
        String after = "";
        while (true) {
            String from = after;
            List<String> ids = QuarkusTransaction.requiringNew().call(() -> states.idsAfter(from, PAGE));
            if (ids.isEmpty()) {
                break;
            }
            evaluations.evaluatePage(ids, Trigger.POLICY_CHANGED);
            after = ids.getLast();
        }
        evaluations.snapshotScores();
    }

    /** Keeps domain and platform trends even when no policy changes. */
    @Scheduled(
            every = "${tessera.governance.score-snapshot-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void snapshot() {
        evaluations.snapshotScores();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }
}
