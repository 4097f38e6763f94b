package dev.tessera.catalog.support;

import dev.tessera.catalog.attention.service.AttentionClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;

/**
 * The attention clock in tests: the real time until a test pins it to an instant of its choosing and
 * moves it on, so the hour between two attention records passes without waiting. Tests that pin it
 * release it when they finish.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MovableAttentionClock extends AttentionClock {

    private volatile Instant pinned;

    @Override
    public Instant now() {
        Instant at = pinned;
        return at != null ? at : Instant.now();
    }

    /** Stops the clock at {@code at}. */
    public void pin(Instant at) {
        pinned = at;
    }

    /** Lets the clock run with the real time again. */
    public void release() {
        pinned = null;
    }
}
