package dev.tessera.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Request ids made here are version 4 UUIDs and do not repeat; callers' ids are kept only if sane. */
class RequestIdsTest {

    @Test
    void aNewIdIsAVersion4UuidInLowerCaseHex() {
        for (int i = 0; i < 1_000; i++) {
            String id = RequestIds.next();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(RequestIds.isSane(id)).isTrue();
        }
    }

    @Test
    void idsDoNotRepeatAcrossThreads() throws Exception {
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    ids.add(RequestIds.next());
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(200_000);
    }

    @Test
    void aCallersIdIsKeptOnlyIfItIsShortAndPlain() {
        Set<String> sane = new HashSet<>(Set.of("trace-42.a", "a", "A.b_c:d-9", "x".repeat(128)));
        for (String id : sane) {
            assertThat(RequestIds.isSane(id)).as(id).isTrue();
        }
        for (String id : new String[] {"", "x".repeat(129), "<script>", "a b", "a/b", "ä", "a\nb", "a%20b"}) {
            assertThat(RequestIds.isSane(id)).as(id).isFalse();
        }
    }

    @Test
    void aSaneIdIsKeptAndAnyOtherReplacedByANewOne() {
        assertThat(RequestIds.orNew("trace-42.a")).isEqualTo("trace-42.a");
        for (String id : new String[] {null, "", "a b", "x".repeat(129)}) {
            String decided = RequestIds.orNew(id);
            assertThat(decided).as(String.valueOf(id)).isNotEqualTo(id);
            assertThat(UUID.fromString(decided).version()).isEqualTo(4);
        }
    }
}
