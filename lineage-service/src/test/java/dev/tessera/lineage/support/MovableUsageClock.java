package dev.tessera.lineage.support;

import dev.tessera.lineage.usage.service.UsageClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;

/**
 * The usage clock in tests: the real time plus an offset a test moves forward, so days pass and
 * products turn unused without waiting. Tests that move it put it back when they finish.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MovableUsageClock extends UsageClock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return Instant.now().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
