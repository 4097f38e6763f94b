package dev.tessera.standards.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

    /** The precedence example from the SemVer 2.0.0 specification, item 11, extended with release neighbours. */
    private static final List<String> ASCENDING = List.of(
            "0.9.9",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.2",
            "1.0.0-alpha.10",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.2.0",
            "1.10.0",
            "2.0.0",
            "10.0.0");

    @Test
    void parsesCoreVersion() {
        SemanticVersion version = SemanticVersion.parse("1.2.3");

        assertThat(version.major()).isEqualTo(1);
        assertThat(version.minor()).isEqualTo(2);
        assertThat(version.patch()).isEqualTo(3);
        assertThat(version.preRelease()).isNull();
        assertThat(version.build()).isNull();
        assertThat(version.isPreRelease()).isFalse();
    }

    @Test
    void parsesPreReleaseAndBuild() {
        SemanticVersion version = SemanticVersion.parse("1.2.3-rc.1+build.5-x");

        assertThat(version.preRelease()).isEqualTo("rc.1");
        assertThat(version.build()).isEqualTo("build.5-x");
        assertThat(version.isPreRelease()).isTrue();
    }

    @Test
    void acceptsVPrefixAndPrintsWithoutIt() {
        assertThat(SemanticVersion.parse("v1.2.3")).isEqualTo(SemanticVersion.parse("1.2.3"));
        assertThat(SemanticVersion.parse("v1.2.3-alpha+001")).hasToString("1.2.3-alpha+001");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "1",
                "1.2",
                "1.2.3.4",
                "01.2.3",
                "1.02.3",
                "1.2.03",
                "1.2.3-",
                "1.2.3-01",
                "1.2.3-a..b",
                "1.2.3+",
                "1.2.3+a..b",
                "1.2.3-ü",
                "-1.2.3",
                "V 1.2.3",
                " 1.2.3",
                "1.2.3 ",
                "x.y.z",
                "1000000.0.0"
            })
    void rejectsInvalidVersionsWithAClearMessage(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SemanticVersion.parse(text))
                .withMessageMatching("(?s).*(expected MAJOR.MINOR.PATCH|supports at most).*");
    }

    @Test
    void leadingZerosAreAllowedInAlphanumericPreReleaseIdentifiers() {
        assertThat(SemanticVersion.parse("1.0.0-0a.00b").preRelease()).isEqualTo("0a.00b");
    }

    @Test
    void precedenceFollowsSemVer() {
        List<SemanticVersion> versions = ASCENDING.reversed().stream()
                .map(SemanticVersion::parse)
                .sorted()
                .toList();

        assertThat(versions).extracting(SemanticVersion::toString).containsExactlyElementsOf(ASCENDING);
    }

    @Test
    void buildMetadataIsIgnoredForPrecedence() {
        SemanticVersion a = SemanticVersion.parse("1.0.0+a");
        SemanticVersion b = SemanticVersion.parse("1.0.0+b");

        assertThat(a).isEqualByComparingTo(b);
        assertThat(a.sortKey()).isEqualTo(b.sortKey());
    }

    @Test
    void preReleaseIsLowerThanRelease() {
        assertThat(SemanticVersion.parse("2.0.0-rc.1")).isLessThan(SemanticVersion.parse("2.0.0"));
        assertThat(SemanticVersion.parse("2.0.0-rc.1")).isGreaterThan(SemanticVersion.parse("1.99.99"));
    }

    @Test
    void sortKeyIsZeroPaddedWithReleaseSuffix() {
        assertThat(SemanticVersion.parse("1.2.3").sortKey()).isEqualTo("000001.000002.000003~");
        assertThat(SemanticVersion.parse("1.2.3-rc.1").sortKey()).isEqualTo("000001.000002.000003-rc!000001");
    }

    @Test
    void sortKeyOrderEqualsPrecedence() {
        List<String> keys = ASCENDING.stream()
                .map(SemanticVersion::parse)
                .map(SemanticVersion::sortKey)
                .toList();

        assertThat(keys).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
    }

    @Test
    void majorBumpRequiresAHigherMajor() {
        SemanticVersion published = SemanticVersion.parse("1.4.2");

        assertThat(SemanticVersion.parse("2.0.0").isMajorBumpOver(published)).isTrue();
        assertThat(SemanticVersion.parse("2.0.0-rc.1").isMajorBumpOver(published))
                .isTrue();
        assertThat(SemanticVersion.parse("1.5.0").isMajorBumpOver(published)).isFalse();
        assertThat(published.isMajorBumpOver(SemanticVersion.parse("2.0.0"))).isFalse();
        assertThat(SemanticVersion.parse("0.2.0").isMajorBumpOver(SemanticVersion.parse("0.1.0")))
                .isFalse();
    }

    @Test
    void constructorRejectsOutOfRangeComponents() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SemanticVersion(-1, 0, 0, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new SemanticVersion(1, 0, 0, "a..b", null));
    }
}
