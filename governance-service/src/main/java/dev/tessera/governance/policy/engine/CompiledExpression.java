package dev.tessera.governance.policy.engine;

import dev.cel.runtime.CelRuntime;
import java.util.List;

/**
 * A type-checked CEL program, ready to run any number of times from any thread.
 *
 * @param source the expression as written
 * @param program the planned program
 * @param evidencePaths the field paths the expression reads (e.g. {@code product.team.name}), whose
 *     values are reported as evidence with each outcome
 * @param costPlan what each run's budget needs to know of the expression, with the limits it was compiled for
 */
public record CompiledExpression(
        String source, CelRuntime.Program program, List<String> evidencePaths, CostPlan costPlan) {}
