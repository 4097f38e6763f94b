package dev.tessera.gateway.proxy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.MultiMap;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Puts the current trace context ({@code traceparent}, and baggage if any) on a call to a backend.
 *
 * <p>The gateway's backend client does not trace its calls itself ({@link Backends}): a client
 * span per call would be a second span per request for the same interval as the gateway's server
 * span, and cost about as much CPU as the rest of the proxying. The gateway's one span per request
 * (named after its route) is instead the parent of the service's span, which is what this header
 * carries.
 */
@Singleton
public class TracePropagation {

    // Replaces, never adds: the caller's own traceparent was copied with its other headers, and the
    // service must see the gateway's span as its parent, once.
    private static final TextMapSetter<MultiMap> HEADERS = (headers, name, value) -> {
        if (headers != null) {
            headers.set(name, value);
        }
    };

    private final TextMapPropagator propagator;

    @Inject
    public TracePropagation(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Sets the headers of the trace {@code trace} (nothing if it is none) on a backend call's headers. */
    public void inject(Context trace, MultiMap headers) {
        propagator.inject(trace, headers, HEADERS);
    }
}
