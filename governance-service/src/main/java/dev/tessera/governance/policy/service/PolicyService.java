package dev.tessera.governance.policy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.governance.domain.KnownDomains;
import dev.tessera.governance.policy.engine.CelPolicyCompiler;
import dev.tessera.governance.policy.engine.CompileIssue;
import dev.tessera.governance.policy.engine.ExecutablePolicy;
import dev.tessera.governance.policy.engine.PolicyCompileException;
import dev.tessera.governance.policy.engine.PolicyLimits;
import dev.tessera.governance.policy.engine.PolicySeverity;
import dev.tessera.governance.policy.engine.PolicyTarget;
import dev.tessera.governance.policy.engine.PolicyTooCostlyException;
import dev.tessera.governance.policy.repository.PolicyEntity;
import dev.tessera.governance.policy.repository.PolicyRepository;
import dev.tessera.governance.policy.repository.PolicyVersionEntity;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import dev.tessera.platform.web.ETags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes policies. Federation is enforced here: governance officers (and platform admins) manage
 * GLOBAL policies, domain owners only their own domain's. A domain policy lives beside the global
 * ones under its own id, so it can only add checks: it can neither replace, disable nor soften a
 * global policy, and a policy's scope never changes after creation.
 */
@ApplicationScoped
public class PolicyService {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Inject
    PolicyRepository repository;

    @Inject
    CelPolicyCompiler compiler;

    @Inject
    Caller caller;

    @Inject
    KnownDomains domains;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    Event<PolicyChanged> changed;

    /** A write's result: the policy and whether it was created. */
    public record Written(PolicyEntity policy, boolean created) {}

    /** What applying a policies file did, or would do on a dry run. */
    public record ApplyReport(
            boolean dryRun, List<String> created, List<String> updated, List<String> unchanged, List<String> deleted) {}

    public List<PolicyEntity> list(String scope) {
        return scope == null ? repository.all() : repository.inScope(scope);
    }

    /** A page of policies in id order, after {@code afterId}, optionally of one scope. */
    public List<PolicyEntity> page(String scope, String afterId, int limit) {
        return repository.page(scope, afterId, limit);
    }

    public PolicyEntity get(String id) {
        PolicyEntity policy = repository.findById(id);
        if (policy == null) {
            throw ApiException.notFound("No policy '" + id + "'.");
        }
        return policy;
    }

    public List<PolicyVersionEntity> history(String id) {
        List<PolicyVersionEntity> history = repository.history(id);
        if (history.isEmpty()) {
            throw ApiException.notFound("No policy '" + id + "' has ever existed.");
        }
        return history;
    }

    /** Creates a policy; 409 if the id is taken. */
    @Transactional
    public PolicyEntity create(PolicyDefinition request) {
        Valid valid = validate(request);
        requireManage(valid.scope);
        requireKnownScope(valid.scope, "/scope");
        if (repository.findById(valid.id) != null) {
            throw ApiException.conflict("Policy '" + valid.id + "' exists; PUT /policies/" + valid.id
                    + " changes it, or choose another id.");
        }
        PolicyEntity policy = insert(valid, "API");
        afterWrite();
        return policy;
    }

    /** Creates or replaces a policy; honours If-Match. */
    @Transactional
    public Written put(String id, PolicyDefinition request, String ifMatch) {
        Valid valid = validate(request.withId(id));
        PolicyEntity existing = repository.findForUpdate(id);
        if (existing == null) {
            requireManage(valid.scope);
            requireKnownScope(valid.scope, "/scope");
            PolicyEntity created = insert(valid, "API");
            afterWrite();
            return new Written(created, true);
        }
        ETags.check(ifMatch, existing.version);
        requireChangeAllowed(existing, valid);
        if (update(existing, valid)) {
            afterWrite();
        }
        return new Written(existing, false);
    }

    @Transactional
    public void delete(String id, String ifMatch) {
        PolicyEntity existing = repository.findForUpdate(id);
        if (existing == null) {
            throw ApiException.notFound("No policy '" + id + "'.");
        }
        ETags.check(ifMatch, existing.version);
        requireManage(existing.scope);
        remove(existing);
        afterWrite();
    }

    /**
     * Applies a policies file: every policy in it is created or updated, unchanged ones are left
     * alone (so applying twice changes nothing), and with {@code prune} the policies of
     * {@code pruneScope} the file does not name are deleted. All or nothing: the first invalid or
     * forbidden entry refuses the whole file.
     */
    @Transactional
    public ApplyReport apply(List<PolicyDefinition> requests, boolean dryRun, boolean prune, String pruneScope) {
        if (prune && (pruneScope == null || pruneScope.isBlank())) {
            throw ApiException.invalidField("/scope", "prune needs the scope whose policies the file lists in full");
        }
        List<Valid> valid = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            String at = "/policies/" + i;
            try {
                Valid v = validate(requests.get(i));
                if (!ids.add(v.id)) {
                    errors.add(new Problem.FieldError(at + "/id", "policy '" + v.id + "' appears twice in the file"));
                } else if (prune && !v.scope.equals(pruneScope)) {
                    errors.add(new Problem.FieldError(
                            at + "/scope", "a pruning apply covers scope " + pruneScope + " only, not " + v.scope));
                }
                valid.add(v);
            } catch (ApiException e) {
                e.errors().forEach(err -> errors.add(new Problem.FieldError(at + err.path(), err.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The policies file has " + errors.size() + " error(s).", errors);
        }
        if (prune) {
            requireManage(pruneScope);
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            Valid v = valid.get(i);
            PolicyEntity existing = repository.findForUpdate(v.id);
            if (existing == null) {
                requireManage(v.scope);
                requireKnownScope(v.scope, "/policies/" + i + "/scope");
                created.add(v.id);
                if (!dryRun) {
                    insert(v, "CODE");
                }
            } else {
                requireChangeAllowed(existing, v);
                if (!differs(existing, v)) {
                    unchanged.add(v.id);
                } else {
                    updated.add(v.id);
                    if (!dryRun) {
                        update(existing, v);
                    }
                }
            }
        }
        if (prune) {
            for (PolicyEntity p : repository.inScope(pruneScope)) {
                if (!ids.contains(p.id)) {
                    deleted.add(p.id);
                    if (!dryRun) {
                        remove(p);
                    }
                }
            }
        }
        if (!dryRun && (created.size() + updated.size() + deleted.size()) > 0) {
            afterWrite();
        }
        return new ApplyReport(dryRun, created, updated, unchanged, deleted);
    }

    /**
     * Loads policies as the platform itself (the starter pack), once per store: does nothing when the
     * catalog was seeded before, even if those policies were since edited or deleted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void seed(List<PolicyDefinition> requests) {
        if (!repository.claimSeeding()) {
            return;
        }
        for (PolicyDefinition request : requests) {
            Valid valid = validate(request);
            if (repository.findById(valid.id) == null) {
                insert(valid, "STARTER");
            }
        }
        repository.bumpRevision();
    }

    /** Validates and compiles a policy without storing it (dry runs); the scope comes back with it. */
    public ScopedPolicy executable(PolicyDefinition request, long version) {
        Valid v = validate(request);
        try {
            return new ScopedPolicy(
                    v.scope,
                    new ExecutablePolicy(
                            v.id,
                            version,
                            v.name,
                            v.severity,
                            v.weight,
                            v.target,
                            v.remediation,
                            compiler.compile(v.expression),
                            v.message == null ? null : compiler.compileMessage(v.message)));
        } catch (PolicyCompileException e) {
            throw new IllegalStateException("validated expression failed to compile", e);
        }
    }

    /** A compiled policy and the scope it applies to. */
    public record ScopedPolicy(String scope, ExecutablePolicy policy) {}

    /** Refuses with 403 unless the caller manages policies of that scope. */
    public void requireManage(String scope) {
        if (caller.isAdmin()) {
            return;
        }
        if (PolicyEntity.GLOBAL.equals(scope)) {
            if (!caller.hasRole(Roles.GOVERNANCE_OFFICER)) {
                throw ApiException.forbidden("Global policies are managed by governance officers and platform admins;"
                        + " a domain owner adds policies with scope set to their domain.");
            }
            return;
        }
        if (!caller.ownsDomain(scope)) {
            throw ApiException.forbidden("Policies of domain '" + scope + "' are managed by its owners (members of the"
                    + " group " + caller.ownerGroupOf(scope) + " with the role domain-owner); your token's groups are "
                    + List.copyOf(caller.groups()) + ".");
        }
    }

    /**
     * Refuses a new domain policy whose domain the registry never announced: such a policy would
     * apply to nothing, and is almost always a misspelt domain id.
     */
    private void requireKnownScope(String scope, String path) {
        if (!PolicyEntity.GLOBAL.equals(scope) && !domains.exists(scope)) {
            throw ApiException.invalidField(
                    path,
                    "no domain '" + scope + "' is registered. Domains reach governance from the registry"
                            + " (tessera.domains); create the domain there first, or check the spelling"
                            + " (GET /api/governance/v1/domains lists the known ones).");
        }
    }

    private void requireChangeAllowed(PolicyEntity existing, Valid valid) {
        if (existing.isGlobal() && !caller.isAdmin() && !caller.hasRole(Roles.GOVERNANCE_OFFICER)) {
            throw ApiException.forbidden("'" + existing.id + "' is a global policy: a domain cannot disable, weaken or"
                    + " replace it. Add a policy of your own under another id to check more.");
        }
        requireManage(existing.scope);
        if (!existing.scope.equals(valid.scope)) {
            throw ApiException.validation(
                    "A policy's scope cannot change (it is " + existing.scope
                            + "); create a new policy in the other scope and delete this one.",
                    List.of(new Problem.FieldError("/scope", "must stay " + existing.scope)));
        }
    }

    private PolicyEntity insert(Valid v, String origin) {
        PolicyEntity p = new PolicyEntity();
        p.id = v.id;
        p.createdAt = Instant.now();
        p.origin = origin;
        p.version = repository.lastVersion(v.id);
        copy(v, p);
        repository.persist(p);
        recordVersion(p, "CREATED");
        return p;
    }

    /** Applies the request; false when nothing differs (no new version). */
    private boolean update(PolicyEntity p, Valid v) {
        if (!differs(p, v)) {
            return false;
        }
        copy(v, p);
        recordVersion(p, "UPDATED");
        return true;
    }

    private void remove(PolicyEntity p) {
        p.version++;
        recordVersion(p, "DELETED");
        repository.delete(p);
    }

    private void copy(Valid v, PolicyEntity p) {
        p.name = v.name;
        p.description = v.description;
        p.scope = v.scope;
        p.severity = v.severity;
        p.weight = v.weight;
        p.target = v.target;
        p.expression = v.expression;
        p.remediation = v.remediation;
        p.message = v.message;
        p.enabled = v.enabled;
        p.version++;
        p.updatedAt = Instant.now();
        p.updatedBy = actor();
    }

    private static boolean differs(PolicyEntity p, Valid v) {
        return !(Objects.equals(p.name, v.name)
                && Objects.equals(p.description, v.description)
                && p.severity == v.severity
                && p.weight == v.weight
                && p.target == v.target
                && Objects.equals(p.expression, v.expression)
                && Objects.equals(p.remediation, v.remediation)
                && Objects.equals(p.message, v.message)
                && p.enabled == v.enabled);
    }

    private void recordVersion(PolicyEntity p, String change) {
        PolicyVersionEntity version = new PolicyVersionEntity();
        version.policyId = p.id;
        version.version = p.version;
        version.change = change;
        version.changedBy = actor();
        version.changedAt = Instant.now();
        try {
            version.snapshot = json.writeValueAsString(PolicySnapshot.of(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        repository.recordVersion(version);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", p.version);
        detail.put("scope", p.scope);
        detail.put("severity", p.severity.name());
        detail.put("enabled", p.enabled);
        audit.record("policy." + change.toLowerCase(java.util.Locale.ROOT), "policy", p.id, detail);
    }

    private String actor() {
        return io.quarkus.arc.Arc.container().requestContext().isActive() ? caller.name() : "system";
    }

    private void afterWrite() {
        changed.fire(new PolicyChanged(repository.bumpRevision()));
    }

    private record Valid(
            String id,
            String name,
            String description,
            String scope,
            PolicySeverity severity,
            int weight,
            PolicyTarget target,
            String expression,
            String remediation,
            String message,
            boolean enabled) {}

    /** Checks every field and compiles the expression; all problems are reported at once. */
    private Valid validate(PolicyDefinition r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.id() == null || !ID.matcher(r.id()).matches()) {
            errors.add(new Problem.FieldError("/id", "lower-case letters, digits, '.', '_' or '-', at most 100"));
        }
        if (r.name() == null || r.name().isBlank()) {
            errors.add(new Problem.FieldError("/name", "required"));
        }
        String scope = r.scope() == null ? null : r.scope().trim();
        if (scope == null
                || !(PolicyEntity.GLOBAL.equals(scope) || DOMAIN.matcher(scope).matches())) {
            errors.add(new Problem.FieldError("/scope", "GLOBAL or the id of a domain"));
        }
        PolicySeverity severity =
                parse(PolicySeverity.class, r.severity(), PolicySeverity.WARNING, "/severity", errors);
        PolicyTarget target = parse(PolicyTarget.class, r.target(), PolicyTarget.PRODUCT, "/target", errors);
        int weight = r.weight() == null ? 1 : r.weight();
        if (weight < 1 || weight > 100) {
            errors.add(new Problem.FieldError("/weight", "between 1 and 100"));
        }
        List<CompileIssue> issues = List.of();
        PolicyTooCostlyException tooCostly = null;
        try {
            compiler.compile(r.expression());
        } catch (PolicyTooCostlyException e) {
            tooCostly = e;
            errors.add(
                    new Problem.FieldError("/expression", e.issues().getFirst().message()));
        } catch (PolicyCompileException e) {
            issues = e.issues();
            e.issues().forEach(i -> errors.add(new Problem.FieldError("/expression", i.toString())));
        }
        String message = r.message() == null || r.message().isBlank() ? null : r.message();
        String messageIssue = null;
        if (message != null) {
            try {
                compiler.compileMessage(message);
            } catch (PolicyTooCostlyException e) {
                messageIssue = "the message could cost more per run than " + PolicyLimits.MAX_COST + " = " + e.limit()
                        + " allows: " + e.issues().getFirst().message();
                errors.add(new Problem.FieldError("/message", messageIssue));
            } catch (PolicyCompileException e) {
                messageIssue = "the message does not compile: " + e.issues().getFirst();
                e.issues()
                        .forEach(i ->
                                errors.add(new Problem.FieldError("/message", "the message does not compile: " + i)));
            }
        }
        if (tooCostly != null) {
            throw tooCostly(tooCostly, errors);
        }
        if (!errors.isEmpty()) {
            String detail = !issues.isEmpty()
                    ? "The expression does not compile: " + issues.getFirst() + "."
                    : messageIssue != null
                            ? "The policy is invalid: " + messageIssue
                                    + ". A message is a CEL expression that yields a string, for example"
                                    + " 'consumers: ' + consumers.map(c, c.productId).join(', ')."
                            : "The policy is invalid; see errors.";
            throw new ApiException(
                    ProblemType.VALIDATION, detail, errors, issues.isEmpty() ? Map.of() : Map.of("issues", issues));
        }
        return new Valid(
                r.id(),
                r.name().trim(),
                r.description(),
                scope,
                severity,
                weight,
                target,
                r.expression(),
                r.remediation(),
                message,
                r.enabled() == null || r.enabled());
    }

    /** A 400 naming the budget the expression's worst case is over, and by how much. */
    private static ApiException tooCostly(PolicyTooCostlyException e, List<Problem.FieldError> errors) {
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("name", PolicyLimits.MAX_COST);
        limit.put("value", e.limit());
        limit.put("estimate", e.estimate() == Long.MAX_VALUE ? null : e.estimate());
        return new ApiException(
                ProblemType.VALIDATION,
                "The expression could cost more per run than " + PolicyLimits.MAX_COST + " = " + e.limit()
                        + " allows, so it is refused before it runs. "
                        + e.issues().getFirst().message() + ".",
                errors,
                Map.of("limit", limit));
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, String value, E fallback, String path, List<Problem.FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(path, "one of " + List.of(type.getEnumConstants())));
            return fallback;
        }
    }
}
