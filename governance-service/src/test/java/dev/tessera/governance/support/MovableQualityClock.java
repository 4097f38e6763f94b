package dev.tessera.governance.support;

import dev.tessera.governance.quality.service.QualityClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;

/**
 * The quality clock in tests: the real time plus an offset a test moves forward, so freshness
 * deadlines pass without waiting. Tests that move it put it back when they finish.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MovableQualityClock extends QualityClock {

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
