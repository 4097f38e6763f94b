package dev.tessera.gateway.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway tells operators about each request: one span, named after its route
 * ({@code GET /api/registry/*}) and a child of the caller's trace when the call carries one, and
 * one observation of the {@code http.server.requests} timer, labelled with the same route.
 *
 * <p>The span is made current for the request, so the proxy and the composite read put it on
 * their backend calls and log lines carry its ids. The gateway opens it itself instead of Quarkus'
 * Vert.x HTTP instrumentation ({@code quarkus.otel.instrument.vertx-http=false}): that
 * instrumentation extracts some ten attributes per request through a generic pipeline, and its
 * start and end were a large part of the event loops' time on a proxied read (benchmarks/README.md
 * keeps the profiles). A proxy needs few of them:
 * the method, the route, the path, the scheme and the status.
 *
 * <p>The timer replaces Quarkus' Micrometer HTTP server binder
 * ({@code quarkus.micrometer.binder.http-server.enabled=false}) under the same name and labels
 * ({@code method}, {@code uri}, {@code status}, {@code outcome}), so dashboards and the
 * {@code TesseraHighErrorRate} alert read the gateway as before. The binder rebuilt and sorted
 * the labels and normalised the path on every request, which showed in the event loops' profile of
 * a proxied read (benchmarks/README.md); here a request looks up an already registered timer by its
 * route, method and status.
 *
 * <p>{@code /q/} paths (health, metrics, OpenAPI) are neither traced nor timed, as Quarkus leaves
 * them out of both by default.
 */
@Singleton
public class RequestTelemetry {

    /** Runs first (the edge filter is 400), so a request the edge refuses is traced and timed too. */
    static final int PRIORITY = 500;

    static final String TIMER = "http.server.requests";

    /**
     * Methods that keep their own label; any other method token (HTTP allows extensions, and a
     * caller may send anything) is counted as {@code UNKNOWN}, so callers cannot add series.
     */
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest request) {
            return request.headers().names();
        }

        @Override
        public String get(HttpServerRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    };

    /**
     * A timer's labels as a map key, its hash computed once: a record's generated hash and equality
     * showed up in the event loops' profile, looked up on every request.
     */
    private static final class TimerKey {
        private final String method;
        private final String uri;
        private final int status;
        private final int hash;

        TimerKey(String method, String uri, int status) {
            this.method = method;
            this.uri = uri;
            this.status = status;
            this.hash = (method.hashCode() * 31 + uri.hashCode()) * 31 + status;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TimerKey other
                    && status == other.status
                    && method.equals(other.method)
                    && uri.equals(other.uri);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    public RequestTelemetry(OpenTelemetry openTelemetry, MeterRegistry registry) {
        this.tracer = openTelemetry.getTracer("dev.tessera.gateway");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(this::open, PRIORITY);
    }

    void open(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        if (path == null || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        long started = System.nanoTime();
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        String method = request.method().name();
        Span span = tracer.spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method)
                .setAttribute("url.path", path)
                .setAttribute("url.scheme", request.scheme())
                .startSpan();
        // Current for the rest of this request: the request runs on a context of its own, where
        // Quarkus keeps the trace (and the logging context's trace and span ids) until it ends.
        parent.with(span).makeCurrent();
        ctx.addEndHandler(ignored -> close(span, ctx, method, started));
        ctx.next();
    }

    private void close(Span span, RoutingContext ctx, String method, long started) {
        int status = ctx.response().getStatusCode();
        String route = route(ctx.request());
        if (route != null) {
            span.updateName(method + " " + route);
            span.setAttribute("http.route", route);
        }
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        timer(method, route != null ? route : EdgeFilters.UNROUTED_TEMPLATE, status)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** The registered timer of one method, route and status; registered on first use. */
    private Timer timer(String method, String uri, int status) {
        String label = KNOWN_METHODS.contains(method) ? method : "UNKNOWN";
        TimerKey key = new TimerKey(label, uri, status);
        Timer timer = timers.get(key);
        if (timer != null) {
            return timer;
        }
        return timers.computeIfAbsent(key, k -> Timer.builder(TIMER)
                .tag("method", k.method)
                .tag("uri", k.uri)
                .tag("status", Integer.toString(k.status))
                .tag("outcome", outcome(k.status))
                .register(registry));
    }

    /** The outcome label Micrometer's HTTP instrumentation uses for a status. */
    private static String outcome(int status) {
        if (status >= 100 && status < 200) {
            return "INFORMATIONAL";
        } else if (status >= 200 && status < 300) {
            return "SUCCESS";
        } else if (status >= 300 && status < 400) {
            return "REDIRECTION";
        } else if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        } else if (status >= 500 && status < 600) {
            return "SERVER_ERROR";
        }
        return "UNKNOWN";
    }

    /**
     * The request's path template as the edge filter labelled it (or, for the gateway's own REST
     * endpoints, as Quarkus REST replaced it).
     */
    private static String route(HttpServerRequest request) {
        if (request instanceof HttpServerRequestInternal internal) {
            Object template = internal.context().getLocal(EdgeFilters.PATH_TEMPLATE_KEY);
            return template instanceof String s ? s : null;
        }
        return null;
    }
}
