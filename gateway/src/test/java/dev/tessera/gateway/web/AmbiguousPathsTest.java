package dev.tessera.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Paths a backend could decode differently from the gateway are recognised; ordinary paths are not. */
class AmbiguousPathsTest {

    /** The rule as it was first written, as a regular expression over the lower-cased path. */
    private static final Pattern REFERENCE =
            Pattern.compile("%2f|%5c|%2e|%25|%00|\\\\|;|//|(^|/)\\.{1,2}(/|$)|[^/]\\.(/|$)");

    @Test
    void encodedSeparatorsDotSegmentsAndTrailingDotsAreAmbiguous() {
        for (String path : new String[] {
            "/api/registry/v1/products%2F..%2Fadmin",
            "/api/registry/v1/products%2fx",
            "/api/registry/v1/a%5Cb",
            "/api/registry/v1/%2E%2E/x",
            "/api/registry/v1/a%252f",
            "/api/registry/v1/a%00",
            "/api/registry/v1/a\\b",
            "/api/registry/v1/products;jsessionid=1",
            "/api/registry//v1/products",
            "/api/registry/v1/../governance/v1/policies",
            "/api/registry/v1/./products",
            "/api/registry/v1/products/..",
            "/api/registry/v1/products.",
            "/api/registry/v1/products./x",
            "/api/registry/v1/products...",
        }) {
            assertThat(AmbiguousPaths.isAmbiguous(path)).as(path).isTrue();
        }
    }

    @Test
    void ordinaryPathsAndAnythingInTheQueryPass() {
        for (String path : new String[] {
            "/api/registry/v1/products",
            "/api/registry/v1/products/retail.orders",
            "/api/registry/v1/products/orders/v1.2.0/descriptor",
            "/api/registry/v1/products/a%20b",
            "/api/registry/v1/products/%2",
            "/api/registry/v1/products?q=a/../b;c%2F",
            "/api/registry/v1/products?next=//x.",
            "/api/lineage/v1/impact?node=PRODUCT:orders",
        }) {
            assertThat(AmbiguousPaths.isAmbiguous(path)).as(path).isFalse();
        }
    }

    @Test
    void theScannerDecidesExactlyAsTheRegularExpressionItReplaced() {
        String alphabet = "/./%2fF5cC0e.E;\\a?x";
        Random random = new Random(20261126);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder path = new StringBuilder("/api/");
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                path.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = path.toString();
            int query = raw.indexOf('?');
            String rawPath = (query < 0 ? raw : raw.substring(0, query)).toLowerCase(Locale.ROOT);
            assertThat(AmbiguousPaths.isAmbiguous(raw))
                    .as(raw)
                    .isEqualTo(REFERENCE.matcher(rawPath).find());
        }
    }
}
