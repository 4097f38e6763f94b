package dev.tessera.lineage.graph.service;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C {@code traceparent} the outbox stores beside an event, so the relay publishes it in the
 * trace of the request that caused it (as the platform's outbox does for the events it writes).
 */
public final class Traces {

    private Traces() {}

    /** The current trace's {@code traceparent}, or null outside a sampled trace. */
    public static String currentTraceparent() {
        return traceparent(Context.current());
    }

    /** The {@code traceparent} of a captured context, or null when it carries no sampled trace. */
    public static String traceparent(Context context) {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get("traceparent");
    }
}
