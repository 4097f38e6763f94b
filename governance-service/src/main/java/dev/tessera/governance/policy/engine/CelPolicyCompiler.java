package dev.tessera.governance.policy.engine;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles policy expressions with Google's cel-java. Expressions are type-checked against the
 * variables a policy sees and must yield a boolean. The environment is the standard library plus
 * one pure helper, so an expression can do no I/O and reach no Java object. Its cost is bounded
 * twice by {@link PolicyLimits}: an expression whose worst case ({@link CostEstimator}) is over
 * budget is refused here, and every run carries a budget ({@link CostPlan}) that stops it as an ERROR.
 *
 * <p>Thread-safe; compile once, run the program any number of times.
 */
public final class CelPolicyCompiler {

    /** Variables every expression may use: every {@link PolicyVariable}. */
    public static final List<String> VARIABLES = PolicyVariable.names();

    /** Context variables reported in full (summarised) when an expression reads them. */
    private static final Set<String> WHOLE_VALUE_EVIDENCE = PolicyVariable.wholeValueEvidence();

    /** Longest expression accepted, in code points. */
    public static final int MAX_EXPRESSION_LENGTH = 4_000;

    /** Longest failure message template accepted, in code points. */
    public static final int MAX_MESSAGE_LENGTH = 2_000;

    private final Cel cel;
    private final Cel messages;
    private final PolicyLimits limits;

    /** A compiler with the shipped {@link PolicyLimits#defaults() limits}. */
    public CelPolicyCompiler() {
        this(PolicyLimits.defaults());
    }

    public CelPolicyCompiler(PolicyLimits limits) {
        this.limits = limits;
        cel = environment(limits, SimpleType.BOOL).build();
        // Messages build text for people: the same variables, plus the string library (join, format).
        messages = environment(limits, SimpleType.STRING)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .build();
    }

    private static CelBuilder environment(PolicyLimits limits, CelType resultType) {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .maxParseRecursionDepth(64)
                .comprehensionMaxIterations(limits.maxIterations())
                .enableHeterogeneousNumericComparisons(true)
                .enableTimestampEpoch(true)
                .build();
        CelBuilder builder =
                CelFactory.standardCelBuilder().setOptions(options).setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        for (PolicyVariable variable : PolicyVariable.values()) {
            builder.addVar(variable.celName(), variable.type());
        }
        return builder.addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(
                        "semverMajor",
                        CelOverloadDecl.newGlobalOverload(
                                "semverMajor_string",
                                "major number of a semantic version, -1 when it is none",
                                SimpleType.INT,
                                SimpleType.STRING)))
                .addFunctionBindings(
                        CelFunctionBinding.from("semverMajor_string", String.class, CelPolicyCompiler::semverMajor))
                .setResultType(resultType);
    }

    /** The limits every expression compiled here is held to. */
    public PolicyLimits limits() {
        return limits;
    }

    /**
     * Parses, type-checks and plans an expression; every issue carries its line and column. An
     * expression that could cost more than {@link PolicyLimits#maxCost()} per run is refused with a
     * {@link PolicyTooCostlyException}.
     */
    public CompiledExpression compile(String expression) throws PolicyCompileException {
        if (expression == null || expression.isBlank()) {
            throw new PolicyCompileException(List.of(new CompileIssue(1, 1, "the expression is empty")));
        }
        return compile(cel, expression);
    }

    /**
     * Compiles a policy's failure message: a CEL expression over the same variables that yields the
     * sentence shown when the policy fails, held to the same cost limits as the policy's expression.
     * The string library ({@code join}, {@code format}, ...) is available, so a message can list
     * what it found (for example {@code consumers.map(c, c.productId).join(', ')}).
     */
    public CompiledExpression compileMessage(String message) throws PolicyCompileException {
        if (message == null || message.isBlank()) {
            throw new PolicyCompileException(List.of(new CompileIssue(1, 1, "the message is empty")));
        }
        if (message.codePointCount(0, message.length()) > MAX_MESSAGE_LENGTH) {
            throw new PolicyCompileException(List.of(
                    new CompileIssue(1, 1, "the message is longer than " + MAX_MESSAGE_LENGTH + " characters")));
        }
        return compile(messages, message);
    }

    private CompiledExpression compile(Cel cel, String expression) throws PolicyCompileException {
        CelValidationResult result;
        try {
            result = cel.compile(expression);
        } catch (RuntimeException e) {
            // The parser refuses oversized or too deeply nested input by throwing.
            throw new PolicyCompileException(List.of(new CompileIssue(1, 1, String.valueOf(e.getMessage()))));
        }
        if (result.hasError()) {
            throw new PolicyCompileException(issues(result.getErrors()));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            long estimate = CostEstimator.estimate(ast, limits);
            if (estimate > limits.maxCost()) {
                throw new PolicyTooCostlyException(estimate, limits.maxCost());
            }
            return new CompiledExpression(
                    expression, cel.createProgram(ast), evidencePaths(ast), CostPlan.of(ast, limits));
        } catch (CelValidationException e) {
            throw new PolicyCompileException(issues(e.getErrors()));
        } catch (CelEvaluationException e) {
            throw new PolicyCompileException(List.of(new CompileIssue(1, 1, e.getMessage())));
        }
    }

    private static List<CompileIssue> issues(List<CelIssue> errors) {
        List<CompileIssue> issues = new ArrayList<>();
        for (CelIssue issue : errors) {
            // CEL counts columns from 0; editors and people count from 1.
            int line = Math.max(1, issue.getSourceLocation().getLine());
            int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
            issues.add(new CompileIssue(line, column, issue.getMessage()));
        }
        return issues;
    }

    /**
     * The longest field chains rooted at a variable ({@code product.description.purpose}): the values an
     * outcome reports as its evidence, so a failure explains itself.
     */
    private static List<String> evidencePaths(CelAbstractSyntaxTree ast) {
        Set<String> paths = new LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            if (node.expr().exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                    && WHOLE_VALUE_EVIDENCE.contains(node.expr().ident().name())) {
                // Lists read as a whole (size(consumers), findings.exists(...)) are evidence themselves.
                paths.add(node.expr().ident().name());
                return;
            }
            if (node.expr().exprKind().getKind() != CelExpr.ExprKind.Kind.SELECT) {
                return;
            }
            Optional<CelNavigableExpr> parent = node.parent();
            if (parent.isPresent() && parent.get().expr().exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT) {
                return;
            }
            path(node.expr()).ifPresent(paths::add);
        });
        return List.copyOf(paths);
    }

    private static Optional<String> path(CelExpr expr) {
        return switch (expr.exprKind().getKind()) {
            case IDENT ->
                VARIABLES.contains(expr.ident().name())
                        ? Optional.of(expr.ident().name())
                        : Optional.empty();
            case SELECT ->
                path(expr.select().operand()).map(p -> p + "." + expr.select().field());
            default -> Optional.empty();
        };
    }

    static long semverMajor(String version) {
        int dot = version.indexOf('.');
        String major = dot < 0 ? version : version.substring(0, dot);
        try {
            return Long.parseLong(major.startsWith("v") ? major.substring(1) : major);
        } catch (NumberFormatException notAVersion) {
            return -1;
        }
    }
}
