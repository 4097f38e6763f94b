package dev.tessera.governance.policy.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sound upper bound, from the checked AST alone, on the memory a run can pile up: the characters,
 * elements and entries of the values comprehensions keep in their accumulators ({@code map()},
 * {@code filter()}) or in lists and maps built into them, counted over every iteration.
 *
 * <p>Sound because the run-time budget ({@link RunBudget}) enforces what it assumes: no string a run
 * reads or builds is longer than {@link PolicyLimits#maxStringLength()} and no list or map has more
 * than {@link PolicyLimits#maxListSize()} elements, so a value from the product is bounded by the
 * larger of the two; and a step inside any comprehension runs at most
 * {@link PolicyLimits#maxIterations()} + 1 times, since that cap counts every comprehension of a run
 * together. A value a step only consumes ({@code timestamp(s + 'T00:00:00Z')}, {@code size(l + l)})
 * is garbage as soon as the step ends and is bounded by those caps, so it is not counted; neither is
 * a reference to the product's own data ({@code l.map(x, x.name)} holds no new characters).
 * cel-java 0.14 has no cost estimator of its own.
 */
final class CostEstimator {

    private final CelAbstractSyntaxTree ast;
    private final long anyValue;
    private final long loopRuns;
    private long cost;

    private CostEstimator(CelAbstractSyntaxTree ast, PolicyLimits limits) {
        this.ast = ast;
        this.anyValue = Math.max(limits.maxStringLength(), limits.maxListSize());
        this.loopRuns = (long) limits.maxIterations() + 1;
    }

    /** The expression's worst case per run, in cost units; {@link Long#MAX_VALUE} stands for "too much to count". */
    static long estimate(CelAbstractSyntaxTree ast, PolicyLimits limits) {
        CostEstimator estimator = new CostEstimator(ast, limits);
        estimator.size(ast.getExpr(), 1, false, Set.of());
        return estimator.cost;
    }

    /**
     * Returns a bound on the size of {@code expr}'s value. When {@code kept} (the value may outlive the
     * step that uses it, because an accumulator holds it), adds what the node builds, {@code runs}
     * times. {@code accumulators} are the comprehension result variables in scope.
     */
    private long size(CelExpr expr, long runs, boolean kept, Set<String> accumulators) {
        return switch (expr.exprKind().getKind()) {
            case CONSTANT -> constantSize(expr.constant());
            case IDENT -> sized(expr) ? anyValue : 0;
            case SELECT -> {
                size(expr.select().operand(), runs, kept, accumulators);
                yield sized(expr) ? anyValue : 0;
            }
            case CALL -> call(expr, runs, kept, accumulators);
            case LIST -> {
                List<CelExpr> elements = expr.list().elements();
                elements.forEach(element -> size(element, runs, kept, accumulators));
                build(kept, runs, elements.size());
                yield elements.size();
            }
            case MAP -> {
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    size(entry.key(), runs, kept, accumulators);
                    size(entry.value(), runs, kept, accumulators);
                }
                build(kept, runs, expr.map().entries().size());
                yield expr.map().entries().size();
            }
            case STRUCT -> {
                expr.struct().entries().forEach(entry -> size(entry.value(), runs, kept, accumulators));
                build(kept, runs, expr.struct().entries().size());
                yield expr.struct().entries().size();
            }
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = expr.comprehension();
                Set<String> inner = new HashSet<>(accumulators);
                inner.add(c.accuVar());
                // The range and the accumulator live for the whole comprehension, whoever uses its result.
                size(c.iterRange(), runs, true, accumulators);
                size(c.accuInit(), runs, true, inner);
                size(c.loopCondition(), loopRuns, false, inner);
                size(c.loopStep(), loopRuns, true, inner);
                yield Math.min(size(c.result(), runs, kept, inner), anyValue);
            }
            default -> anyValue;
        };
    }

    private long call(CelExpr expr, long runs, boolean kept, Set<String> accumulators) {
        CelExpr.CelCall call = expr.call();
        List<CelExpr> operands = CostPlan.operands(call);
        String function = call.function();
        // Steps whose value is (part of) an operand pass "kept" on; any other step only consumes its operands.
        boolean passesOn =
                switch (function) {
                    case "_+_", "_[_]", "_?_:_", "dyn" -> kept;
                    default -> false;
                };
        long[] sizes = new long[operands.size()];
        for (int i = 0; i < sizes.length; i++) {
            boolean operandKept = passesOn && !("_?_:_".equals(function) && i == 0);
            sizes[i] = size(operands.get(i), runs, operandKept, accumulators);
        }
        switch (function) {
            case "_+_" -> {
                if (!sized(expr)) {
                    return 0;
                }
                // map() and filter() append to their accumulator; the elements appended are counted themselves.
                if (!CostPlan.isAccumulator(operands.getFirst(), accumulators)) {
                    build(kept, runs, add(sizes[0], sizes[1]));
                }
                return Math.min(add(sizes[0], sizes[1]), anyValue);
            }
            case "_?_:_" -> {
                return Math.max(sizes[1], sizes[2]);
            }
            case "string", "bytes" -> {
                build(kept, runs, anyValue);
                return anyValue;
            }
            case "_[_]", "dyn" -> {
                // A reference to a value that exists already: nothing new is held.
                return sized(expr) ? anyValue : 0;
            }
            default -> {
                // Any other function yielding text or a container builds it (join, format, replace...).
                long built = sized(expr) ? anyValue : 0;
                build(kept, runs, built);
                return built;
            }
        }
    }

    /** True when the node's value may be a string, bytes, list or map (its checked type says so, or is dyn). */
    private boolean sized(CelExpr expr) {
        CelKind kind = ast.getType(expr.id()).map(CelType::kind).orElse(CelKind.DYN);
        return switch (kind) {
            case STRING, BYTES, LIST, MAP, DYN, ANY -> true;
            default -> false;
        };
    }

    private static long constantSize(CelConstant constant) {
        return switch (constant.getKind()) {
            case STRING_VALUE -> constant.stringValue().length();
            case BYTES_VALUE -> constant.bytesValue().size();
            default -> 0;
        };
    }

    private void build(boolean kept, long runs, long units) {
        if (kept) {
            cost = add(cost, multiply(runs, units));
        }
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
