package dev.tessera.governance.policy.engine;

import java.util.List;

/** The expression type-checks, but its worst case per run is over {@link PolicyLimits#maxCost()}. */
public final class PolicyTooCostlyException extends PolicyCompileException {

    private final long estimate;
    private final long limit;

    public PolicyTooCostlyException(long estimate, long limit) {
        super(List.of(new CompileIssue(
                1,
                1,
                "the expression may cost up to " + (estimate == Long.MAX_VALUE ? "an unbounded number of" : estimate)
                        + " units per run, over " + PolicyLimits.MAX_COST + " = " + limit
                        + "; building strings or lists (+, list literals, map()) inside a comprehension is what"
                        + " usually costs most: compare or test values instead of building new ones")));
        this.estimate = estimate;
        this.limit = limit;
    }

    /** The expression's worst case, in cost units ({@link Long#MAX_VALUE} when unbounded). */
    public long estimate() {
        return estimate;
    }

    /** The budget it went over. */
    public long limit() {
        return limit;
    }
}
