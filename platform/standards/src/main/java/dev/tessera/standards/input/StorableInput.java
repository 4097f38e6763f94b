package dev.tessera.standards.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a body may hold so that storing it, validating it and echoing it stay cheap and exact: text
 * without NUL characters or unpaired surrogates (PostgreSQL's text and jsonb refuse the one and the
 * driver silently replaces the other), and numbers whose exact value is short to write out (a
 * {@code 1e999999999} is one token but a gigabyte as plain digits, which schema validators print).
 */
public final class StorableInput {

    /** The largest decimal exponent, either way, a number may carry. */
    public static final int MAX_EXPONENT = 1_000;

    /** The most significant digits a number may carry. */
    public static final int MAX_DIGITS = 1_000;

    /** The message for text that cannot be stored. */
    public static final String UNSTORABLE_TEXT =
            "must be valid Unicode text without NUL characters (a \\u0000 or a lone surrogate cannot be stored)";

    /** The message for a number out of range. */
    public static final String UNSTORABLE_NUMBER = "must be a finite number with at most " + MAX_DIGITS
            + " digits and an exponent between -" + MAX_EXPONENT + " and " + MAX_EXPONENT;

    private StorableInput() {}

    /** Whether the text round-trips through PostgreSQL unchanged. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a decimal is finite in size: few enough digits, and an exponent in range. */
    public static boolean storable(BigDecimal number) {
        if (number.precision() > MAX_DIGITS) {
            return false;
        }
        long exponent = (long) number.precision() - number.scale() - 1;
        return Math.abs(exponent) <= MAX_EXPONENT;
    }

    /** Whether a double is a number JSON can carry. */
    public static boolean storable(double number) {
        return Double.isFinite(number);
    }

    /** The fields of a tree that cannot be stored, by JSON pointer under {@code prefix}. */
    public static List<Violation> problems(JsonNode root, String prefix) {
        List<Violation> errors = new ArrayList<>();
        walk(root, prefix, errors);
        return errors;
    }

    private static void walk(JsonNode node, String pointer, List<Violation> errors) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (!storable(node.textValue())) {
                errors.add(new Violation(pointer, UNSTORABLE_TEXT));
            }
        } else if (node.isBigDecimal()) {
            if (!storable(node.decimalValue())) {
                errors.add(new Violation(pointer, UNSTORABLE_NUMBER));
            }
        } else if (node.isBigInteger()) {
            if (node.bigIntegerValue().bitLength() > MAX_DIGITS * 4) {
                errors.add(new Violation(pointer, UNSTORABLE_NUMBER));
            }
        } else if (node.isFloatingPointNumber()) {
            if (!storable(node.doubleValue())) {
                errors.add(new Violation(pointer, UNSTORABLE_NUMBER));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, errors);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (!storable(field.getKey())) {
                    errors.add(new Violation(child, "the field name " + UNSTORABLE_TEXT));
                }
                walk(field.getValue(), child, errors);
            }
        }
    }
}
