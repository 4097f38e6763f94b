package dev.tessera.portal.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Request access form names each field that is wrong and what to do; only a valid one is sent. */
class AccessFormTest {

    @Test
    void aCompleteFormWithAFutureDateIsValidAndBecomesGovernancesRequestBody() {
        String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        AccessForm form = AccessForm.of(" orders-table ", " monthly report ", until);

        assertThat(form.valid()).isTrue();
        assertThat(form.body("retail-orders"))
                .containsEntry("productId", "retail-orders")
                .containsEntry("portName", "orders-table")
                .containsEntry("purpose", "monthly report")
                .containsEntry("requestedUntil", until + "T00:00:00Z");
    }

    @Test
    void eachMissingOrWrongFieldIsNamedWithWhatToFix() {
        assertThat(AccessForm.of("", "", "").errors()).containsOnlyKeys("port", "purpose", "until");
        assertThat(AccessForm.of("p", "why", "2001-01-01").error("until"))
                .isEqualTo("The end date must be in the future.");
        assertThat(AccessForm.of("p", "why", "next week").error("until")).isEqualTo("Give the end date as YYYY-MM-DD.");
        assertThat(AccessForm.of("p", "x".repeat(AccessForm.MAX_PURPOSE + 1), "2999-01-01")
                        .error("purpose"))
                .contains("under 1000 characters");
    }
}
