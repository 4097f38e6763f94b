package dev.tessera.standards.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the value constraints of one schema element: {@code unique} and the {@code logicalTypeOptions}.
 *
 * <p>A constraint is tightened when some value valid under the published contract is invalid under the draft; data
 * already published and validators built on the old contract then break. Bounds are compared as numbers, or as ISO
 * dates, date-times or times (ODCS writes date bounds as strings); when two different bounds cannot be compared the
 * change is reported as tightened, because the detector cannot prove it safe. Each option is judged on its own, so
 * swapping {@code exclusiveMaximum: 100} for {@code maximum: 100} is reported as tightened although it is not.
 */
final class ConstraintRules {

    private static final List<String> UPPER_BOUNDS =
            List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties");
    private static final List<String> LOWER_BOUNDS =
            List.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties");

    /** ODCS numeric formats follow Rust's types: signedness or float, then a bit width. */
    private static final Pattern WIDTH_FORMAT = Pattern.compile("([iuf])(8|16|32|64|128)");

    /** Parsers from most to least specific; offset date-times compare as instants. */
    @SuppressWarnings("rawtypes")
    private static final List<Function<String, Comparable>> TEMPORAL_PARSERS = List.of(
            text -> OffsetDateTime.parse(withT(text)).toInstant(),
            text -> LocalDateTime.parse(withT(text)),
            LocalDate::parse,
            OffsetTime::parse,
            LocalTime::parse);

    private ConstraintRules() {}

    static void compare(String path, JsonNode before, JsonNode after, Findings out) {
        compareFlag(path + ".unique", "unique", Json.flag(before, "unique"), Json.flag(after, "unique"), out);

        JsonNode oldOptions = Json.object(before, "logicalTypeOptions");
        JsonNode newOptions = Json.object(after, "logicalTypeOptions");
        if (oldOptions == null && newOptions == null) {
            return;
        }
        String optionsPath = path + ".logicalTypeOptions";
        for (String bound : UPPER_BOUNDS) {
            compareBound(optionsPath + "." + bound, bound, true, oldOptions, newOptions, out);
        }
        for (String bound : LOWER_BOUNDS) {
            compareBound(optionsPath + "." + bound, bound, false, oldOptions, newOptions, out);
        }
        comparePattern(
                optionsPath + ".pattern", Json.scalar(oldOptions, "pattern"), Json.scalar(newOptions, "pattern"), out);
        compareFormat(
                optionsPath + ".format", Json.scalar(oldOptions, "format"), Json.scalar(newOptions, "format"), out);
        compareMultipleOf(
                optionsPath + ".multipleOf",
                Json.field(oldOptions, "multipleOf"),
                Json.field(newOptions, "multipleOf"),
                out);
        compareFlag(
                optionsPath + ".uniqueItems",
                "uniqueItems",
                Json.flag(oldOptions, "uniqueItems"),
                Json.flag(newOptions, "uniqueItems"),
                out);
        // Fewer allowed values tighten an enum; more required keys tighten an object.
        compareSet(
                optionsPath + ".enum",
                "allowed values",
                true,
                Json.scalars(oldOptions, "enum"),
                Json.scalars(newOptions, "enum"),
                out);
        compareSet(
                optionsPath + ".required",
                "required keys",
                false,
                Json.scalars(oldOptions, "required"),
                Json.scalars(newOptions, "required"),
                out);
    }

    private static void compareFlag(String path, String name, boolean before, boolean after, Findings out) {
        if (!before && after) {
            tightened(
                    out,
                    path,
                    "%s changed from false to true; published data with duplicate values no longer conforms."
                            .formatted(name));
        } else if (before && !after) {
            out.nonBreaking(ChangeRules.CONSTRAINT_RELAXED, path, "%s changed from true to false.".formatted(name));
        }
    }

    private static void compareBound(
            String path, String name, boolean upper, JsonNode oldOptions, JsonNode newOptions, Findings out) {
        JsonNode before = scalarNode(Json.field(oldOptions, name));
        JsonNode after = scalarNode(Json.field(newOptions, name));
        if (before == null && after == null) {
            return;
        }
        if (before == null) {
            tightened(
                    out,
                    path,
                    "%s %s added; values valid under the published contract may now be rejected."
                            .formatted(name, after.asText()));
            return;
        }
        if (after == null) {
            out.nonBreaking(ChangeRules.CONSTRAINT_RELAXED, path, "%s %s removed.".formatted(name, before.asText()));
            return;
        }
        Integer order = compareValues(after, before);
        if (order == null) {
            if (!before.asText().equals(after.asText())) {
                tightened(
                        out,
                        path,
                        "%s changed from %s to %s; the values cannot be compared, so the change is treated as tightening."
                                .formatted(name, before.asText(), after.asText()));
            }
        } else if (order != 0) {
            boolean tighter = upper ? order < 0 : order > 0;
            String change = "%s %s from %s to %s"
                    .formatted(name, order < 0 ? "lowered" : "raised", before.asText(), after.asText());
            if (tighter) {
                tightened(out, path, change + "; values valid under the published contract may now be rejected.");
            } else {
                out.nonBreaking(ChangeRules.CONSTRAINT_RELAXED, path, change + ".");
            }
        }
    }

    /** A regular expression cannot be proven to accept a superset of another, so any new or changed one tightens. */
    private static void comparePattern(String path, String before, String after, Findings out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            out.nonBreaking(ChangeRules.CONSTRAINT_RELAXED, path, "pattern %s removed.".formatted(before));
        } else if (before == null) {
            tightened(out, path, "pattern %s added; published values may not match it.".formatted(after));
        } else {
            tightened(
                    out,
                    path,
                    "pattern changed from %s to %s; published values may not match it.".formatted(before, after));
        }
    }

    /** Numeric width formats (i32, u16, f64, ...) may grow; any other new or changed format tightens. */
    private static void compareFormat(String path, String before, String after, Findings out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            out.nonBreaking(ChangeRules.CONSTRAINT_RELAXED, path, "format %s removed.".formatted(before));
        } else if (before == null) {
            tightened(out, path, "format %s added; published values may not follow it.".formatted(after));
        } else if (formatWidens(before, after)) {
            out.nonBreaking(
                    ChangeRules.CONSTRAINT_RELAXED, path, "format widened from %s to %s.".formatted(before, after));
        } else {
            tightened(
                    out,
                    path,
                    "format changed from %s to %s; published values may not follow it.".formatted(before, after));
        }
    }

    private static boolean formatWidens(String before, String after) {
        Matcher from = WIDTH_FORMAT.matcher(before);
        Matcher to = WIDTH_FORMAT.matcher(after);
        if (!from.matches() || !to.matches()) {
            return false;
        }
        String fromKind = from.group(1);
        String toKind = to.group(1);
        int fromBits = Integer.parseInt(from.group(2));
        int toBits = Integer.parseInt(to.group(2));
        boolean unsignedIntoSigned = fromKind.equals("u") && toKind.equals("i") && toBits > fromBits;
        return (fromKind.equals(toKind) && toBits > fromBits) || unsignedIntoSigned;
    }

    /** Multiples of {@code old} stay valid exactly when {@code old} is itself a multiple of the new step. */
    private static void compareMultipleOf(String path, JsonNode beforeNode, JsonNode afterNode, Findings out) {
        BigDecimal before = positive(Json.number(beforeNode));
        BigDecimal after = positive(Json.number(afterNode));
        if (before == null && after == null || before != null && after != null && before.compareTo(after) == 0) {
            return;
        }
        if (after == null) {
            out.nonBreaking(
                    ChangeRules.CONSTRAINT_RELAXED, path, "multipleOf %s removed.".formatted(before.toPlainString()));
        } else if (before == null) {
            tightened(
                    out,
                    path,
                    "multipleOf %s added; published values may not be multiples of it."
                            .formatted(after.toPlainString()));
        } else if (before.remainder(after).signum() == 0) {
            out.nonBreaking(
                    ChangeRules.CONSTRAINT_RELAXED,
                    path,
                    "multipleOf changed from %s to %s, which accepts every published value."
                            .formatted(before.toPlainString(), after.toPlainString()));
        } else {
            tightened(
                    out,
                    path,
                    "multipleOf changed from %s to %s; published values may not be multiples of it."
                            .formatted(before.toPlainString(), after.toPlainString()));
        }
    }

    /**
     * Compares a list option. With {@code shrinkTightens} (enum) a removed element tightens; otherwise (required
     * keys) an added element tightens. A list appearing counts as tightening for an enum and for required keys alike.
     */
    private static void compareSet(
            String path, String what, boolean shrinkTightens, List<String> before, List<String> after, Findings out) {
        if (before == null && after == null) {
            return;
        }
        Set<String> oldValues = before == null ? null : new HashSet<>(before);
        Set<String> newValues = after == null ? null : new HashSet<>(after);
        if (Objects.equals(oldValues, newValues)) {
            return;
        }
        boolean tighter;
        if (oldValues == null) {
            tighter = true;
        } else if (newValues == null) {
            tighter = false;
        } else {
            Set<String> lost = difference(oldValues, newValues);
            Set<String> gained = difference(newValues, oldValues);
            tighter = shrinkTightens ? !lost.isEmpty() : !gained.isEmpty();
        }
        String change = "%s changed from %s to %s".formatted(what, describe(before), describe(after));
        if (tighter) {
            tightened(out, path, change + "; published values may no longer conform.");
        } else {
            out.nonBreaking(ChangeRules.CONSTRAINT_RELAXED, path, change + ".");
        }
    }

    /**
     * Orders two bound values: numbers numerically, otherwise ISO temporal strings of the same kind chronologically.
     *
     * @return negative, zero or positive as {@code a} is below, equal to or above {@code b}; {@code null} if the two
     *     values cannot be compared
     */
    static Integer compareValues(JsonNode a, JsonNode b) {
        BigDecimal numberA = Json.number(a);
        BigDecimal numberB = Json.number(b);
        if (numberA != null && numberB != null) {
            return numberA.compareTo(numberB);
        }
        if (a != null && b != null && a.isTextual() && b.isTextual()) {
            return compareTemporal(a.asText().trim(), b.asText().trim());
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Integer compareTemporal(String a, String b) {
        for (Function<String, Comparable> parser : TEMPORAL_PARSERS) {
            Comparable first = tryParse(parser, a);
            Comparable second = tryParse(parser, b);
            if (first != null && second != null) {
                return first.compareTo(second);
            }
            if (first != null || second != null) {
                return null; // different kinds, e.g. a date against a date-time
            }
        }
        return null;
    }

    @SuppressWarnings("rawtypes")
    private static Comparable tryParse(Function<String, Comparable> parser, String text) {
        try {
            return parser.apply(text);
        } catch (DateTimeParseException unparseable) {
            return null;
        }
    }

    /** ODCS examples write date-times as {@code 2020-01-01 00:00:00}; java.time wants the ISO {@code T}. */
    private static String withT(String text) {
        return text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    }

    private static void tightened(Findings out, String path, String message) {
        out.breaking(ChangeRules.CONSTRAINT_TIGHTENED, path, message);
    }

    private static JsonNode scalarNode(JsonNode node) {
        return node != null && node.isValueNode() ? node : null;
    }

    private static BigDecimal positive(BigDecimal value) {
        return value != null && value.signum() > 0 ? value : null;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static String describe(List<String> values) {
        return values == null ? "(none)" : values.toString();
    }
}
