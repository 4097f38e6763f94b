package dev.tessera.standards.contract;

import dev.tessera.standards.text.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, as used for data products, ports and contracts.
 *
 * <p>{@link #compareTo} implements SemVer precedence: numeric core first, a pre-release below its release, build
 * metadata ignored. Like {@link java.math.BigDecimal}, ordering is therefore not consistent with {@link #equals}:
 * {@code 1.0.0+a} and {@code 1.0.0+b} compare as equal but are not equal.
 *
 * <p>Tessera limits each of major, minor and patch to {@value #MAX_COMPONENT} so that {@link #sortKey()} can use
 * fixed-width fields; {@link #parse} rejects larger numbers.
 *
 * @param major incompatible changes
 * @param minor backwards-compatible additions
 * @param patch backwards-compatible fixes
 * @param preRelease dot-separated pre-release identifiers without the leading {@code -}, or {@code null}
 * @param build dot-separated build metadata without the leading {@code +}, or {@code null}
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease, String build)
        implements Comparable<SemanticVersion> {

    /** Largest major, minor or patch number; keeps {@link #sortKey()} fixed-width. */
    public static final int MAX_COMPONENT = 999_999;

    private static final int KEY_WIDTH = 6;

    private static final String IDENTIFIERS = "[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*";

    private static final Pattern SEMVER = Pattern.compile("v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    public SemanticVersion {
        checkComponent("major", major);
        checkComponent("minor", minor);
        checkComponent("patch", patch);
        // parse() guarantees these; the check keeps directly constructed versions printable and parseable.
        if (preRelease != null && !preRelease.matches(IDENTIFIERS)) {
            throw new IllegalArgumentException("Invalid pre-release %s".formatted(UserText.quote(preRelease)));
        }
        if (build != null && !build.matches(IDENTIFIERS)) {
            throw new IllegalArgumentException("Invalid build metadata %s".formatted(UserText.quote(build)));
        }
    }

    /**
     * Parses {@code 1.2.3}, {@code v1.2.3}, {@code 1.2.3-rc.1}, {@code 1.2.3+build.5} and their combinations.
     *
     * @throws IllegalArgumentException if {@code text} is not a SemVer 2.0.0 version (optionally prefixed with
     *     {@code v}) or a component exceeds {@value #MAX_COMPONENT}
     */
    public static SemanticVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Version is missing; expected MAJOR.MINOR.PATCH, e.g. 1.2.3");
        }
        Matcher matcher = SEMVER.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(("%s is not a semantic version; expected MAJOR.MINOR.PATCH with"
                            + " optional -pre.release and +build, e.g. 1.2.3 or v1.2.3-rc.1, without leading zeros")
                    .formatted(UserText.quote(text)));
        }
        return new SemanticVersion(
                component(text, "major", matcher.group(1)),
                component(text, "minor", matcher.group(2)),
                component(text, "patch", matcher.group(3)),
                matcher.group(4),
                matcher.group(5));
    }

    /** True for a pre-release such as {@code 2.0.0-rc.1}. */
    public boolean isPreRelease() {
        return preRelease != null;
    }

    /**
     * True if this version's major number is higher than {@code other}'s, i.e. this version may carry breaking
     * changes relative to {@code other}. Whether a {@code 0.y.z} product may break on a minor bump is a policy
     * decision left to the caller.
     */
    public boolean isMajorBumpOver(SemanticVersion other) {
        return major > other.major;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int core = Integer.compare(major, other.major);
        if (core == 0) {
            core = Integer.compare(minor, other.minor);
        }
        if (core == 0) {
            core = Integer.compare(patch, other.patch);
        }
        return core != 0 ? core : comparePreRelease(preRelease, other.preRelease);
    }

    /**
     * A string whose plain (binary, "C" collation) order matches precedence, for storing and sorting versions in a
     * database: {@code 000001.000002.000003~} for {@code 1.2.3}.
     *
     * <p>For release versions, and for any two versions with different cores, the order is exact: a release ends
     * in {@code ~}, which sorts after the {@code -} that starts a pre-release suffix, so {@code 1.2.3-rc.1} sorts
     * between {@code 1.2.2} and {@code 1.2.3}. Among pre-releases of the same core the key is
     * {@code core-ident!ident...} with numeric identifiers zero-padded to six digits and {@code !} (which sorts before
     * every identifier character) separating identifiers; this orders {@code alpha < alpha.1 < alpha.2 < alpha.10 <
     * beta} correctly. It is only approximate for numeric identifiers longer than six digits and for alphanumeric
     * identifiers that start with a hyphen or with six or more digits; use {@link #compareTo} where those matter. Build metadata is not part of
     * the key.
     */
    public String sortKey() {
        String core = pad(major) + "." + pad(minor) + "." + pad(patch);
        if (preRelease == null) {
            return core + "~";
        }
        List<String> identifiers = new ArrayList<>();
        for (String identifier : preRelease.split("\\.")) {
            identifiers.add(isNumeric(identifier) ? pad(identifier) : identifier);
        }
        return core + "-" + String.join("!", identifiers);
    }

    /** The canonical form, without a {@code v} prefix. */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease)
                + (build == null ? "" : "+" + build);
    }

    private static int comparePreRelease(String a, String b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null) {
            return 1;
        }
        if (b == null) {
            return -1;
        }
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = compareIdentifier(left[i], right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    /** Numeric identifiers compare numerically and below alphanumeric ones, which compare in ASCII order. */
    private static int compareIdentifier(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            // No leading zeros are allowed, so a longer number is larger; this avoids overflow on long identifiers.
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumeric(String identifier) {
        return !identifier.isEmpty() && identifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int component(String text, String name, String digits) {
        if (digits.length() > String.valueOf(MAX_COMPONENT).length()) {
            throw new IllegalArgumentException("%s has %s version %s; Tessera supports at most %d"
                    .formatted(UserText.quote(text), name, UserText.truncate(digits), MAX_COMPONENT));
        }
        return Integer.parseInt(digits);
    }

    private static void checkComponent(String name, int value) {
        if (value < 0 || value > MAX_COMPONENT) {
            throw new IllegalArgumentException("%s version %d is outside 0..%d".formatted(name, value, MAX_COMPONENT));
        }
    }

    private static String pad(int value) {
        return pad(String.valueOf(value));
    }

    private static String pad(String digits) {
        return digits.length() >= KEY_WIDTH ? digits : "0".repeat(KEY_WIDTH - digits.length()) + digits;
    }
}
