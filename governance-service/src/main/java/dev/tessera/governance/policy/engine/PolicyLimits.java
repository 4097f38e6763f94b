package dev.tessera.governance.policy.engine;

/**
 * What one run of one policy may cost governance. The compiler refuses an expression whose
 * worst case (see {@link CostEstimator}) is over {@code maxCost}; at run time {@link RunBudget}
 * stops a run that reads or builds a string or list over its cap, or spends more than
 * {@code maxCost}, and the run is ERROR.
 *
 * @param maxCost cost units one run may spend: a unit per expression step plus one per character or
 *     element of every value a step reads or builds; the compile-time estimate counts what can be built
 * @param maxStringLength longest string a run may read or build, in characters
 * @param maxListSize most elements (or entries) of a list or map a run may read or build
 * @param maxIterations most iterations all comprehensions of one run may make together
 */
public record PolicyLimits(long maxCost, int maxStringLength, int maxListSize, int maxIterations) {

    /** Configuration key of {@link #maxCost()}, named in every refusal and run-time error. */
    public static final String MAX_COST = "tessera.governance.policy.max-cost";

    /** Configuration key of {@link #maxStringLength()}. */
    public static final String MAX_STRING_LENGTH = "tessera.governance.policy.max-string-length";

    /** Configuration key of {@link #maxListSize()}. */
    public static final String MAX_LIST_SIZE = "tessera.governance.policy.max-list-size";

    /** Configuration key of {@link #maxIterations()}. */
    public static final String MAX_ITERATIONS = "tessera.governance.policy.max-iterations";

    public static final long DEFAULT_MAX_COST = 10_000_000;
    public static final int DEFAULT_MAX_STRING_LENGTH = 100_000;
    public static final int DEFAULT_MAX_LIST_SIZE = 10_000;
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;

    public PolicyLimits {
        if (maxCost < 1 || maxStringLength < 1 || maxListSize < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("policy limits must be positive");
        }
    }

    /** The shipped limits: every starter policy fits them with room to spare. */
    public static PolicyLimits defaults() {
        return new PolicyLimits(
                DEFAULT_MAX_COST, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_LIST_SIZE, DEFAULT_MAX_ITERATIONS);
    }
}
