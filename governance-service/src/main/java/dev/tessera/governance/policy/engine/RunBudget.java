package dev.tessera.governance.policy.engine;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts what one run of one expression spends, and stops it as soon as it goes over a limit.
 * cel-java calls it after every step with the step's value, before that value is used, so a string
 * or list over its cap never reaches the step that would build on it, and the operands of a data
 * search are measured before the search runs.
 *
 * <p>A step costs one unit plus the size of its value (characters, elements or entries); the
 * accumulator of {@code map()}/{@code filter()} is counted per element appended, not re-counted
 * whole on every iteration. {@code a.contains(b)}, {@code a.matches(b)} and {@code a in b} with
 * {@code b} from data also cost {@code size(a) * size(b)}, what they can take in the worst case. One
 * instance per run; not thread-safe.
 */
final class RunBudget implements CelEvaluationListener {

    private final PolicyLimits limits;
    private final CostPlan plan;
    /** The latest size of each searched operand, for the search that follows it. */
    private final Map<Long, Long> sizes = new HashMap<>();

    private long spent;

    RunBudget(CostPlan plan) {
        this.limits = plan.limits();
        this.plan = plan;
    }

    @Override
    public void callback(CelExpr expr, Object value) {
        long id = expr.id();
        long charge = 1;
        if (!plan.accumulatorStep(id)) {
            long size = sizeOf(value);
            charge += size;
            long partner = plan.searchPartner(id);
            if (partner >= 0) {
                charge = add(charge, multiply(size, sizes.getOrDefault(partner, 0L)));
            }
            if (plan.searched(id)) {
                sizes.put(id, size);
            }
        }
        spent = add(spent, charge);
        if (spent > limits.maxCost()) {
            throw new PolicyBudgetExceeded("the run went over " + PolicyLimits.MAX_COST + " = " + limits.maxCost()
                    + " cost units; the expression reads or builds too much for this product");
        }
    }

    private long sizeOf(Object value) {
        if (value instanceof String s) {
            if (s.length() > limits.maxStringLength()) {
                throw new PolicyBudgetExceeded("a string of " + s.length() + " characters is over "
                        + PolicyLimits.MAX_STRING_LENGTH + " = " + limits.maxStringLength());
            }
            return s.length();
        }
        long size;
        if (value instanceof Collection<?> c) {
            size = c.size();
        } else if (value instanceof Map<?, ?> m) {
            size = m.size();
        } else if (value instanceof dev.cel.common.values.CelByteString b) {
            size = b.size();
        } else if (value instanceof com.google.protobuf.ByteString b) {
            size = b.size();
        } else {
            return 0;
        }
        if (size > limits.maxListSize()) {
            throw new PolicyBudgetExceeded("a list or map of " + size + " elements is over "
                    + PolicyLimits.MAX_LIST_SIZE + " = " + limits.maxListSize());
        }
        return size;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
