package dev.tessera.governance.policy.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the run-time budget of one expression needs to know, worked out once when it is compiled:
 * the limits, which steps read or extend a comprehension's accumulator (counted per element
 * appended, not whole on every iteration), and which string searches take their pattern from data.
 */
public final class CostPlan {

    private final PolicyLimits limits;
    final Set<Long> accumulatorSteps;
    final Set<Long> searchedOperands;
    final Map<Long, Long> searchPatterns;

    private CostPlan(
            PolicyLimits limits,
            Set<Long> accumulatorSteps,
            Set<Long> searchedOperands,
            Map<Long, Long> searchPatterns) {
        this.limits = limits;
        this.accumulatorSteps = accumulatorSteps;
        this.searchedOperands = searchedOperands;
        this.searchPatterns = searchPatterns;
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
        Set<Long> steps = new HashSet<>();
        Set<Long> searched = new HashSet<>();
        Map<Long, Long> patterns = new HashMap<>();
        for (CelExpr e : all) {
            if (isAccumulator(e, accumulators)) {
                steps.add(e.id());
            }
            if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CALL) {
                continue;
            }
            List<CelExpr> operands = operands(e.call());
            String function = e.call().function();
            if ("_+_".equals(function) && isAccumulator(operands.getFirst(), accumulators)) {
                steps.add(e.id());
            }
            if (("contains".equals(function) || "matches".equals(function))
                    && operands.size() == 2
                    && operands.get(1).exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
                searched.add(operands.get(0).id());
                patterns.put(operands.get(1).id(), operands.get(0).id());
            }
        }
        return new CostPlan(limits, Set.copyOf(steps), Set.copyOf(searched), Map.copyOf(patterns));
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
