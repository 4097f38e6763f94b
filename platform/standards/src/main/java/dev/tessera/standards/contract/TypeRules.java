package dev.tessera.standards.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the logical and physical types of one schema element. A change is a widening when every value the
 * published type can hold is still representable, unchanged, in the draft type.
 *
 * <p>Physical types are matched after normalisation (case, spacing, common aliases such as {@code integer}/{@code
 * int4}/{@code int}, {@code character varying}/{@code varchar}, {@code numeric}/{@code decimal}), so spelling
 * changes are not reported. Aliases follow PostgreSQL where dialects disagree: {@code int8} is an 8-byte integer and
 * {@code float} a 4-byte one (the latter as in MySQL and Spark).
 */
final class TypeRules {

    private static final Set<String> LOGICAL_WIDENINGS = Set.of("integer>number", "date>timestamp");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"),
            Map.entry("varchar2", "varchar"),
            Map.entry("nvarchar2", "nvarchar"),
            Map.entry("character", "char"),
            Map.entry("integer", "int"),
            Map.entry("int4", "int"),
            Map.entry("int32", "int"),
            Map.entry("int2", "smallint"),
            Map.entry("int16", "smallint"),
            Map.entry("short", "smallint"),
            Map.entry("int8", "bigint"),
            Map.entry("int64", "bigint"),
            Map.entry("long", "bigint"),
            Map.entry("int1", "tinyint"),
            Map.entry("byte", "tinyint"),
            Map.entry("numeric", "decimal"),
            Map.entry("dec", "decimal"),
            Map.entry("number", "decimal"),
            Map.entry("double precision", "double"),
            Map.entry("float8", "double"),
            Map.entry("float64", "double"),
            Map.entry("float4", "real"),
            Map.entry("float32", "real"),
            Map.entry("float", "real"),
            Map.entry("bool", "boolean"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"));

    private static final Map<String, Integer> INTEGER_BYTES =
            Map.of("tinyint", 1, "smallint", 2, "int", 4, "bigint", 8);

    /** Decimal digits needed to hold every value of an integer type of the given byte width. */
    private static final Map<Integer, Integer> INTEGER_DIGITS = Map.of(1, 3, 2, 5, 4, 10, 8, 19);

    private static final Map<String, Integer> FLOAT_BYTES = Map.of("real", 4, "double", 8);

    /** String types that take a maximum length argument. */
    private static final Set<String> LENGTH_BOUNDED_STRINGS = Set.of("varchar", "nvarchar", "char", "nchar", "string");

    /** String types that, written without a length, hold any string. */
    private static final Set<String> UNBOUNDED_STRINGS = Set.of("text", "string", "varchar", "nvarchar", "clob");

    private static final Pattern PHYSICAL =
            Pattern.compile("([a-z][a-z0-9_ ]*?)\\s*(?:\\(\\s*([0-9]+(?:\\s*,\\s*[0-9]+)*)\\s*\\))?");

    /** Longer type spellings (deeply nested structs) are compared verbatim rather than parsed. */
    private static final int MAX_TYPE_LENGTH = 200;

    /** A parsed physical type: canonical base name plus its numeric arguments (length, precision, scale). */
    record PhysicalType(String base, List<Integer> args) {}

    private TypeRules() {}

    static void compare(String path, JsonNode before, JsonNode after, Findings out) {
        compareLogical(
                path + ".logicalType",
                lower(Json.scalar(before, "logicalType")),
                lower(Json.scalar(after, "logicalType")),
                out);
        comparePhysical(
                path + ".physicalType", Json.scalar(before, "physicalType"), Json.scalar(after, "physicalType"), out);
    }

    private static void compareLogical(String path, String before, String after, Findings out) {
        if (!presenceChanged(path, "logical type", before, after, out) || before.equals(after)) {
            return;
        }
        if (LOGICAL_WIDENINGS.contains(before + ">" + after)) {
            out.nonBreaking(
                    ChangeRules.TYPE_WIDENED,
                    path,
                    "Logical type widened from %s to %s; every published value is still valid."
                            .formatted(before, after));
        } else if (LOGICAL_WIDENINGS.contains(after + ">" + before)) {
            out.breaking(
                    ChangeRules.TYPE_NARROWED,
                    path,
                    "Logical type narrowed from %s to %s; consumers may receive values they cannot hold, and published values may not fit."
                            .formatted(before, after));
        } else {
            out.breaking(
                    ChangeRules.TYPE_CHANGED,
                    path,
                    "Logical type changed from %s to %s; consumers parsing %s values will fail."
                            .formatted(before, after, before));
        }
    }

    private static void comparePhysical(String path, String before, String after, Findings out) {
        if (!presenceChanged(path, "physical type", before, after, out)) {
            return;
        }
        PhysicalType from = parse(before);
        PhysicalType to = parse(after);
        if (from.equals(to)) {
            return;
        }
        if (widens(from, to)) {
            out.nonBreaking(
                    ChangeRules.TYPE_WIDENED,
                    path,
                    "Physical type widened from %s to %s; every published value still fits.".formatted(before, after));
        } else if (widens(to, from)) {
            out.breaking(
                    ChangeRules.TYPE_NARROWED,
                    path,
                    "Physical type narrowed from %s to %s; published values may no longer fit, and consumers may receive values they cannot hold."
                            .formatted(before, after));
        } else {
            out.breaking(
                    ChangeRules.TYPE_CHANGED,
                    path,
                    "Physical type changed from %s to %s, which is not a widening; consumers mapping the column to %s may fail."
                            .formatted(before, after, before));
        }
    }

    /**
     * Reports a type appearing or disappearing and tells the caller whether both sides are present. Dropping a type
     * withdraws a promise consumers rely on; declaring one only adds a promise.
     */
    private static boolean presenceChanged(String path, String what, String before, String after, Findings out) {
        if (before != null && after == null) {
            out.breaking(
                    ChangeRules.TYPE_CHANGED,
                    path,
                    "The %s %s is no longer declared; consumers lose the guarantee they rely on."
                            .formatted(what, before));
        } else if (before == null && after != null) {
            out.nonBreaking(ChangeRules.TYPE_DECLARED, path, "The %s is now declared as %s.".formatted(what, after));
        }
        return before != null && after != null;
    }

    static PhysicalType parse(String raw) {
        if (raw.length() > MAX_TYPE_LENGTH) {
            return new PhysicalType(raw.replaceAll("\\s+", "").toLowerCase(Locale.ROOT), List.of());
        }
        String normalised = raw.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher matcher = PHYSICAL.matcher(normalised);
        if (!matcher.matches()) {
            // Unknown syntax (e.g. STRUCT<...>): compare the spelling without whitespace, no widening rules apply.
            return new PhysicalType(normalised.replace(" ", ""), List.of());
        }
        String base = matcher.group(1).trim();
        List<Integer> args = new ArrayList<>();
        if (matcher.group(2) != null) {
            for (String arg : matcher.group(2).split(",")) {
                try {
                    args.add(Integer.parseInt(arg.trim()));
                } catch (NumberFormatException tooLarge) {
                    return new PhysicalType(normalised.replace(" ", ""), List.of());
                }
            }
        }
        return new PhysicalType(ALIASES.getOrDefault(base, base), List.copyOf(args));
    }

    /** True if every value of {@code from} is representable, unchanged, in {@code to}. */
    static boolean widens(PhysicalType from, PhysicalType to) {
        Integer fromInt = INTEGER_BYTES.get(from.base());
        if (fromInt != null && from.args().isEmpty()) {
            return integerWidensTo(fromInt, to);
        }
        Integer fromFloat = FLOAT_BYTES.get(from.base());
        if (fromFloat != null && from.args().isEmpty()) {
            Integer toFloat = FLOAT_BYTES.get(to.base());
            return toFloat != null && to.args().isEmpty() && toFloat > fromFloat;
        }
        if (from.base().equals("decimal") && to.base().equals("decimal")) {
            return decimalWidens(from.args(), to.args());
        }
        return stringWidens(from, to);
    }

    private static boolean integerWidensTo(int fromBytes, PhysicalType to) {
        if (!to.args().isEmpty() && !to.base().equals("decimal")) {
            return false;
        }
        Integer toInt = INTEGER_BYTES.get(to.base());
        if (toInt != null) {
            return toInt > fromBytes;
        }
        Integer toFloat = FLOAT_BYTES.get(to.base());
        if (toFloat != null) {
            // A float's mantissa holds integers exactly up to 2^24 (real) or 2^53 (double).
            return toFloat == 4 ? fromBytes <= 2 : fromBytes <= 4;
        }
        if (to.base().equals("decimal")) {
            return to.args().isEmpty()
                    || to.args().size() <= 2 && integerDigits(to.args()) >= INTEGER_DIGITS.get(fromBytes);
        }
        return false;
    }

    /**
     * A decimal widens when its precision grows at the same scale. A changed scale is never a widening, because
     * Avro, Parquet and most drivers treat the scale as part of the type, so readers built for the old scale fail.
     * A decimal without arguments is unbounded.
     */
    private static boolean decimalWidens(List<Integer> from, List<Integer> to) {
        if (from.isEmpty() || from.size() > 2 || to.size() > 2) {
            return false;
        }
        if (to.isEmpty()) {
            return true;
        }
        return scale(from) == scale(to) && to.getFirst() > from.getFirst();
    }

    private static boolean stringWidens(PhysicalType from, PhysicalType to) {
        boolean fromBounded =
                LENGTH_BOUNDED_STRINGS.contains(from.base()) && from.args().size() == 1;
        if (!fromBounded) {
            return false;
        }
        if (UNBOUNDED_STRINGS.contains(to.base()) && to.args().isEmpty()) {
            return true;
        }
        return to.base().equals(from.base())
                && to.args().size() == 1
                && to.args().getFirst() > from.args().getFirst();
    }

    private static int scale(List<Integer> decimalArgs) {
        return decimalArgs.size() == 2 ? decimalArgs.get(1) : 0;
    }

    private static int integerDigits(List<Integer> decimalArgs) {
        return decimalArgs.getFirst() - scale(decimalArgs);
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
