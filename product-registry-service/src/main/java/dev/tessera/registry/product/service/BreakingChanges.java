package dev.tessera.registry.product.service;

import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.standards.contract.BreakingChangeDetector;
import dev.tessera.standards.contract.Finding;
import dev.tessera.standards.contract.SemanticVersion;
import dev.tessera.standards.contract.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule that protects consumers: a version that breaks the latest released one (PUBLISHED or DEPRECATED) must
 * bump the major version. Applies check it when a draft is written, and the lifecycle checks it again when the draft
 * is put up for approval, since a release in between may have moved the baseline.
 */
@ApplicationScoped
public class BreakingChanges {

    @Inject
    BreakingChangeDetector detector;

    @Inject
    AffectedConsumers affected;

    @Inject
    ProductMapper mapper;

    /**
     * Refuses {@code version} with a 422 when {@code findings} hold a breaking change against {@code released} and
     * the major version stays the same. Nothing to check without a released version.
     */
    public void requireMajorBump(
            SemanticVersion version, Optional<ProductVersionEntity> released, List<Finding> findings) {
        if (released.isEmpty() || !BreakingChangeDetector.hasBreaking(findings)) {
            return;
        }
        SemanticVersion baseline = SemanticVersion.parse(released.get().version);
        if (!version.isMajorBumpOver(baseline)) {
            throw refusal(baseline, version, findings, released.get());
        }
    }

    /** {@link #requireMajorBump} for a stored version, compared afresh with the latest released one of {@code all}. */
    public void requireMajorBump(ProductVersionEntity target, List<ProductVersionEntity> all) {
        Optional<ProductVersionEntity> released = ProductMapper.latestReleased(all);
        if (released.isEmpty()) {
            return;
        }
        List<Finding> findings = detector.compare(
                DescriptorContent.withoutStatus(mapper.descriptor(released.get())),
                DescriptorContent.withoutStatus(mapper.descriptor(target)));
        requireMajorBump(SemanticVersion.parse(target.version), released, findings);
    }

    /**
     * The 422 for a breaking change that keeps the major version. Each breaking finding is listed under
     * {@code breaking} with the consumers it hits (declared input ports and ACTIVE access grants), and the detail
     * names them, so the owner knows whom the change would break before deciding how to ship it.
     */
    private ApiException refusal(
            SemanticVersion baseline, SemanticVersion version, List<Finding> findings, ProductVersionEntity released) {
        List<Finding> breaking =
                findings.stream().filter(f -> f.severity() == Severity.BREAKING).toList();
        List<AffectedConsumers.Hit> hits = affected.of(released.productId, mapper.descriptor(released), breaking);
        Set<String> hit = new LinkedHashSet<>();
        hits.forEach(h -> h.consumers().forEach(c -> hit.add(c.describe())));
        String whom = hit.isEmpty()
                ? " No consumer is known to be hit: no other product's input port names the changed ports' contracts"
                        + " and no access grant to them is active."
                : " It would break " + hit.size() + " consumer(s): " + String.join("; ", hit) + ".";
        return new ApiException(
                ProblemType.BREAKING_CHANGE,
                breaking.size() + " breaking change(s) against published version " + baseline + ", but " + version
                        + " keeps major version " + baseline.major() + "." + whom + " Bump the major version (to "
                        + (baseline.major() + 1) + ".0.0) or undo the breaking changes listed in `findings`.",
                hits.stream().map(BreakingChanges::error).toList(),
                Map.of("findings", findings, "publishedVersion", baseline.toString(), "breaking", hits));
    }

    /** A hit as a field error: the finding, then whom it hits. */
    private static Problem.FieldError error(AffectedConsumers.Hit hit) {
        return new Problem.FieldError(
                hit.path(),
                hit.message()
                        + (hit.consumers().isEmpty()
                                ? " No known consumer."
                                : " Hits "
                                        + String.join(
                                                "; ",
                                                hit.consumers().stream()
                                                        .map(AffectedConsumers.Consumer::describe)
                                                        .toList())
                                        + "."));
    }
}
