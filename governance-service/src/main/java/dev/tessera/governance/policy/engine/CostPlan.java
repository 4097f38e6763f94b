package dev.tessera.governance.policy.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the run-time budget of one expression needs to know, worked out once when it is compiled:
 * the limits, which steps read or extend a comprehension's accumulator (counted per element
 * appended, not whole on every iteration), and which searches take both operands from data.
 */
public final class CostPlan {

    /** Functions whose work grows with the product of their operands' sizes when both come from data. */
    private static final Set<String> SEARCHES = Set.of("contains", "matches", "@in");

    private final PolicyLimits limits;
    private final BitSet accumulatorSteps;
    private final BitSet firstOperands;
    private final BitSet secondOperands;
    private final Map<Long, Long> searchedBy;

    private CostPlan(
            PolicyLimits limits,
            BitSet accumulatorSteps,
            BitSet firstOperands,
            BitSet secondOperands,
            Map<Long, Long> searchedBy) {
        this.limits = limits;
        this.accumulatorSteps = accumulatorSteps;
        this.firstOperands = firstOperands;
        this.secondOperands = secondOperands;
        this.searchedBy = searchedBy;
    }

    static CostPlan of(CelAbstractSyntaxTree ast, PolicyLimits limits) {
        List<CelExpr> all = CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .toList();
        Set<String> accumulators = new HashSet<>();
        for (CelExpr e : all) {
            if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                accumulators.add(e.comprehension().accuVar());
            }
        }
        BitSet steps = new BitSet();
        BitSet first = new BitSet();
        BitSet second = new BitSet();
        Map<Long, Long> patterns = new HashMap<>();
        for (CelExpr e : all) {
            if (isAccumulator(e, accumulators)) {
                mark(steps, e.id());
            }
            if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CALL) {
                continue;
            }
            List<CelExpr> operands = operands(e.call());
            String function = e.call().function();
            if ("_+_".equals(function) && isAccumulator(operands.getFirst(), accumulators)) {
                mark(steps, e.id());
            }
            if (SEARCHES.contains(function)
                    && operands.size() == 2
                    && operands.get(1).exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
                // The first operand is evaluated first: its size is known when the second one arrives.
                mark(first, operands.get(0).id());
                mark(second, operands.get(1).id());
                patterns.put(operands.get(1).id(), operands.get(0).id());
            }
        }
        return new CostPlan(limits, steps, first, second, Map.copyOf(patterns));
    }

    /** True for a step that reads or extends a comprehension's accumulator. */
    boolean accumulatorStep(long exprId) {
        return accumulatorSteps.get(index(exprId));
    }

    /** True for the first operand of a search that takes both operands from data: its size is kept. */
    boolean searched(long exprId) {
        return firstOperands.get(index(exprId));
    }

    /**
     * For the second operand of a search ({@code a.contains(b)}, {@code a.matches(b)}, {@code a in b})
     * that comes from data, the id of the first operand; -1 for any other step.
     */
    long searchPartner(long exprId) {
        if (!secondOperands.get(index(exprId))) {
            return -1;
        }
        return searchedBy.getOrDefault(exprId, -1L);
    }

    /**
     * Expression ids are small and positive (the parser numbers nodes from 1). Bit 0 stands for any
     * other id and is never marked, so such a step is charged in full.
     */
    private static int index(long exprId) {
        return exprId > 0 && exprId < Integer.MAX_VALUE ? (int) exprId : 0;
    }

    private static void mark(BitSet bits, long exprId) {
        int index = index(exprId);
        if (index > 0) {
            bits.set(index);
        }
    }

    /** The limits this expression was compiled for. */
    public PolicyLimits limits() {
        return limits;
    }

    /** A fresh budget for one run. */
    CelEvaluationListener newRun() {
        return new RunBudget(this);
    }

    /** A call's operands in evaluation order: the receiver first, then the arguments. */
    static List<CelExpr> operands(CelExpr.CelCall call) {
        List<CelExpr> operands = new ArrayList<>(call.args().size() + 1);
        call.target().ifPresent(operands::add);
        operands.addAll(call.args());
        return operands;
    }

    static boolean isAccumulator(CelExpr expr, Set<String> accumulators) {
        return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                && accumulators.contains(expr.ident().name());
    }
}
