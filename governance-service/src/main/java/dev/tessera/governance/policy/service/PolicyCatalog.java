package dev.tessera.governance.policy.service;

import dev.tessera.governance.policy.engine.CelPolicyCompiler;
import dev.tessera.governance.policy.engine.CompiledExpression;
import dev.tessera.governance.policy.engine.ExecutablePolicy;
import dev.tessera.governance.policy.engine.PolicyCompileException;
import dev.tessera.governance.policy.repository.PolicyEntity;
import dev.tessera.governance.policy.repository.PolicyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The compiled policies every evaluation uses, held in memory. The replica that changes a policy
 * reloads at once after its commit; every other replica notices the catalog revision moved on its
 * next check (every second by default), so a change is in force everywhere within seconds.
 */
@ApplicationScoped
public class PolicyCatalog {

    private static final Logger LOG = Logger.getLogger(PolicyCatalog.class);

    /** One loaded policy: where it applies and whether it is on. */
    public record ActivePolicy(String scope, boolean enabled, ExecutablePolicy policy) {}

    private record Snapshot(long revision, List<ActivePolicy> policies) {}

    @Inject
    PolicyRepository repository;

    @Inject
    CelPolicyCompiler compiler;

    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    /** Compiled programs by id and version: a reload compiles only what changed. */
    private final Map<String, CompiledExpression> compiled = new ConcurrentHashMap<>();

    /** Compiled failure messages by id and version, kept like the programs. */
    private final Map<String, CompiledExpression> messages = new ConcurrentHashMap<>();

    /** The enabled policies that apply to products of a domain: every global one and the domain's own. */
    public List<ExecutablePolicy> applicableTo(String domainId) {
        return snapshot.policies.stream()
                .filter(p -> p.enabled && (PolicyEntity.GLOBAL.equals(p.scope) || p.scope.equals(domainId)))
                .map(ActivePolicy::policy)
                .toList();
    }

    /** The revision of the policies in force here. */
    public long revision() {
        return snapshot.revision;
    }

    /** Reloads when the stored revision differs from the one in memory. */
    @Scheduled(
            every = "${tessera.governance.policy-refresh-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshIfStale() {
        long stored = QuarkusTransaction.requiringNew().call(repository::revision);
        if (stored != snapshot.revision) {
            refresh();
        }
    }

    /** Loads and compiles every policy as stored now. */
    public synchronized void refresh() {
        record Loaded(long revision, List<PolicyEntity> policies) {}
        Loaded loaded =
                QuarkusTransaction.requiringNew().call(() -> new Loaded(repository.revision(), repository.all()));
        List<ActivePolicy> active = new ArrayList<>();
        for (PolicyEntity p : loaded.policies) {
            active.add(new ActivePolicy(
                    p.scope,
                    p.enabled,
                    new ExecutablePolicy(
                            p.id,
                            p.version,
                            p.name,
                            p.severity,
                            p.weight,
                            p.target,
                            p.remediation,
                            compile(p),
                            compileMessage(p))));
        }
        // Global policies first, so outcomes read from the platform's rules to the domain's additions.
        active.sort(Comparator.comparing((ActivePolicy p) -> !PolicyEntity.GLOBAL.equals(p.scope))
                .thenComparing(p -> p.policy.id()));
        snapshot = new Snapshot(loaded.revision, List.copyOf(active));
        compiled.keySet()
                .removeIf(key -> active.stream().noneMatch(p -> key.equals(key(p.policy.id(), p.policy.version()))));
        messages.keySet()
                .removeIf(key -> active.stream().noneMatch(p -> key.equals(key(p.policy.id(), p.policy.version()))));
    }

    private CompiledExpression compile(PolicyEntity p) {
        return compiled.computeIfAbsent(key(p.id, p.version), k -> {
            try {
                return compiler.compile(p.expression);
            } catch (PolicyCompileException e) {
                LOG.errorf(
                        "Stored policy %s v%d no longer compiles; it reports ERROR: %s",
                        p.id, p.version, e.getMessage());
                return null;
            }
        });
    }

    private CompiledExpression compileMessage(PolicyEntity p) {
        if (p.message == null) {
            return null;
        }
        return messages.computeIfAbsent(key(p.id, p.version), k -> {
            try {
                return compiler.compileMessage(p.message);
            } catch (PolicyCompileException e) {
                LOG.errorf(
                        "Stored message of policy %s v%d no longer compiles; its failures name the policy instead: %s",
                        p.id, p.version, e.getMessage());
                return null;
            }
        });
    }

    private static String key(String id, long version) {
        return id + "@" + version;
    }
}
