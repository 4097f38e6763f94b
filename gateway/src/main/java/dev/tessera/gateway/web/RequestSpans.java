package dev.tessera.gateway.web;

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

/**
 * The gateway's one span per request, named after its route ({@code GET /api/registry/*}), a child
 * of the caller's trace when the call carries one. It is made current for the request, so the
 * proxy and the composite read put it on their backend calls and log lines carry its ids.
 *
 * <p>The gateway opens this span itself instead of Quarkus' Vert.x HTTP instrumentation
 * ({@code quarkus.otel.instrument.vertx-http=false}). That instrumentation extracts some ten
 * attributes per request through a generic pipeline, and its start and end were a sixth of the
 * event loops' time on a proxied read. A proxy needs few of them: the method, the route, the path,
 * the scheme and the status. {@code /q/} paths (health, metrics, OpenAPI) are not traced, as
 * Quarkus does not trace them by default either.
 */
@Singleton
public class RequestSpans {

    /** Runs first (the edge filter is 400), so a request the edge refuses is traced too. */
    static final int SPAN_PRIORITY = 500;

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

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    public RequestSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.tessera.gateway");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    void register(@Observes Filters filters) {
        filters.register(this::open, SPAN_PRIORITY);
    }

    void open(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        if (path == null || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
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
        ctx.addEndHandler(ignored -> close(span, ctx));
        ctx.next();
    }

    private static void close(Span span, RoutingContext ctx) {
        int status = ctx.response().getStatusCode();
        String route = route(ctx.request());
        if (route != null) {
            span.updateName(ctx.request().method().name() + " " + route);
            span.setAttribute("http.route", route);
        }
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /**
     * The request's path template as the edge filter labelled it (or, for the gateway's own REST
     * endpoints, as Quarkus REST replaced it), the same label its metrics carry.
     */
    private static String route(HttpServerRequest request) {
        if (request instanceof HttpServerRequestInternal internal) {
            Object template = internal.context().getLocal(EdgeFilters.PATH_TEMPLATE_KEY);
            return template instanceof String s ? s : null;
        }
        return null;
    }
}
