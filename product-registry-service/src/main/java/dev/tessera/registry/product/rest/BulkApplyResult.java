package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.registry.product.service.ApplyOutcome;
import dev.tessera.registry.product.service.BulkApply;
import dev.tessera.standards.contract.Finding;
import java.util.List;

/**
 * What a bulk apply did, or (in a dry run) would do: a count per outcome and one result per item, in the order sent.
 *
 * @param dryRun true if nothing was written
 * @param summary how many items ended in each outcome
 * @param results one per item sent, in the same order
 */
public record BulkApplyResult(boolean dryRun, Summary summary, List<ItemResult> results) {

    /** How many items ended in each outcome; together they count every item sent. */
    public record Summary(int created, int versionCreated, int updated, int unchanged, int refused) {}

    /**
     * What became of one item.
     *
     * @param id the product id the item names; absent when it names none
     * @param outcome CREATED, VERSION_CREATED, UPDATED, UNCHANGED or REFUSED
     * @param version the version the descriptor was applied to; absent when refused
     * @param findings breaking-change findings against the latest released version; empty when refused
     * @param problem why the item was refused, as the same PUT would have answered it (field paths point into the
     *     item's descriptor, or at {@code /items/<i>/...} for the item itself); absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(String id, String outcome, String version, List<Finding> findings, Problem problem) {}

    /** The answer for a bulk apply's outcome. */
    static BulkApplyResult of(BulkApply.Outcome outcome) {
        int[] counts = new int[ApplyOutcome.Kind.values().length];
        int refused = 0;
        List<ItemResult> results = new java.util.ArrayList<>(outcome.items().size());
        for (BulkApply.Item item : outcome.items()) {
            if (item.refusal() != null) {
                refused++;
                results.add(new ItemResult(
                        item.id(),
                        "REFUSED",
                        null,
                        List.of(),
                        Problem.of(
                                item.refusal().type(),
                                item.refusal().getMessage(),
                                null,
                                item.refusal().errors(),
                                item.refusal().extensions())));
            } else {
                ApplyOutcome applied = item.outcome();
                counts[applied.kind().ordinal()]++;
                results.add(new ItemResult(
                        item.id(), applied.kind().name(), applied.version().toString(), applied.findings(), null));
            }
        }
        return new BulkApplyResult(
                outcome.dryRun(),
                new Summary(
                        counts[ApplyOutcome.Kind.CREATED.ordinal()],
                        counts[ApplyOutcome.Kind.VERSION_CREATED.ordinal()],
                        counts[ApplyOutcome.Kind.UPDATED.ordinal()],
                        counts[ApplyOutcome.Kind.UNCHANGED.ordinal()],
                        refused),
                results);
    }
}
