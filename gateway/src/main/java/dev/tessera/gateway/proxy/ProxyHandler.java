package dev.tessera.gateway.proxy;

import dev.tessera.gateway.config.GatewayConfig;
import dev.tessera.gateway.web.EdgeFilters;
import dev.tessera.gateway.web.Refusals;
import dev.tessera.platform.http.RequestIds;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.opentelemetry.context.Context;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Forwards routed requests to their backend, streaming both bodies (nothing is buffered whole),
 * with the caller's token, a request id and forwarding headers. An unreachable, slow or
 * breaker-open backend becomes a 503 problem naming the service.
 *
 * <p>The beans every proxied request passes through (this one, the route table, the backends, the
 * trace propagation, the edge and rate-limit filters and the authentication mechanism) are
 * {@code @Singleton}: each is one plain instance for the gateway's lifetime anyway, and as
 * {@code @ApplicationScoped} beans every call on one went through a client proxy that looked the
 * instance up again, on every proxied read (the measured cost is in benchmarks/README.md).
 */
@Singleton
public class ProxyHandler {

    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);

    @Inject
    RouteTable routes;

    @Inject
    Backends backends;

    @Inject
    GatewayConfig config;

    @Inject
    TracePropagation tracing;

    void register(@Observes Router router) {
        router.route().handler(this::handle);
        // Last in line: an /api path that neither a route nor the gateway's own endpoints took.
        router.route("/api/*").order(Integer.MAX_VALUE - 10).handler(Refusals::notFound);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        RouteTable.Match match = routes.match(in.path());
        if (match == null) {
            ctx.next();
            return;
        }
        forward(ctx, match);
    }

    /** Sends a request on the matched route to its backend and streams the answer back. */
    public void forward(RoutingContext ctx, RouteTable.Match match) {
        Backends.Backend backend = backends.get(match.route().backend());
        if (!backend.breaker().tryAcquire()) {
            Refusals.unavailable(
                    ctx, backend.name(), "circuit-open", backend.breaker().retryAfterSeconds());
            return;
        }
        new Exchange(ctx, backend, match).start();
    }

    /** One proxied request; all callbacks run on the caller's event loop. */
    private final class Exchange {
        private final RoutingContext ctx;
        private final HttpServerRequest in;
        private final Backends.Backend backend;
        private final RouteTable.Match match;
        private HttpClientRequest out;
        private Context trace;
        private long bodyBytes;
        private boolean finished;

        Exchange(RoutingContext ctx, Backends.Backend backend, RouteTable.Match match) {
            this.ctx = ctx;
            this.in = ctx.request();
            this.backend = backend;
            this.match = match;
        }

        void start() {
            in.pause();
            String query = in.query();
            String uri = match.backendPath(in.path()) + (query == null ? "" : "?" + query);
            RequestOptions options = new RequestOptions()
                    .setMethod(in.method())
                    .setHost(backend.host())
                    .setPort(backend.port())
                    .setServer(backend.server())
                    .setSsl(backend.tls())
                    .setURI(uri)
                    .setConnectTimeout(backend.config().connectTimeout().toMillis())
                    .setIdleTimeout(backend.config().timeout().toMillis());
            // The headers go straight onto the request once it exists (connected): set on the options,
            // each would be copied twice, the caller's token among them.
            trace = Context.current();
            ctx.response().closeHandler(v -> abort());
            backends.client().request(options).onComplete(this::connected);
        }

        /** The end-to-end headers of the call, the gateway's request id, forwarding and trace headers. */
        private void putHeaders(MultiMap headers) {
            ForwardedHeaders.copyRequest(in.headers(), headers);
            headers.set(RequestIds.HEADER, EdgeFilters.requestId(ctx));
            headers.set("X-Forwarded-For", in.remoteAddress().hostAddress());
            headers.set("X-Forwarded-Proto", in.scheme());
            if (in.authority() != null) {
                headers.set("X-Forwarded-Host", in.authority().toString());
            }
            tracing.inject(trace, headers);
        }

        private void connected(AsyncResult<HttpClientRequest> ar) {
            if (ar.failed()) {
                fail(ar.cause());
                return;
            }
            out = ar.result();
            putHeaders(out.headers());
            out.response().onComplete(this::responded);
            String length = in.getHeader(HttpHeaderNames.CONTENT_LENGTH);
            boolean chunked = in.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
            if (length == null && !chunked) {
                out.end();
                in.resume();
                return;
            }
            if (length != null) {
                out.putHeader(HttpHeaderNames.CONTENT_LENGTH, length.trim());
            } else {
                out.setChunked(true);
            }
            long limit = config.maxBodyBytes(in.path());
            in.handler(chunk -> {
                if (finished) {
                    return;
                }
                bodyBytes += chunk.length();
                if (bodyBytes > limit) {
                    finished = true;
                    out.reset();
                    Refusals.tooLarge(ctx, limit);
                    return;
                }
                out.write(chunk);
                if (out.writeQueueFull()) {
                    in.pause();
                    out.drainHandler(v -> in.resume());
                }
            });
            in.endHandler(v -> {
                if (!finished) {
                    out.end();
                }
            });
            in.exceptionHandler(e -> abort());
            in.resume();
        }

        private void responded(AsyncResult<HttpClientResponse> ar) {
            if (finished) {
                return;
            }
            if (ar.failed()) {
                fail(ar.cause());
                return;
            }
            HttpClientResponse response = ar.result();
            backend.breaker().onAnswer(response.statusCode(), response.getHeader(CircuitBreaker.PROXY_STATUS));
            HttpServerResponse reply = ctx.response();
            reply.setStatusCode(response.statusCode());
            ForwardedHeaders.copyResponse(response.headers(), reply.headers());
            String length = response.getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null) {
                reply.putHeader(HttpHeaderNames.CONTENT_LENGTH, length);
            } else if (!"HEAD".equals(in.method().name())
                    && response.statusCode() != 204
                    && response.statusCode() != 304) {
                reply.setChunked(true);
            }
            finished = true;
            response.pipeTo(reply).onFailure(e -> {
                // Headers are gone already: all that is left is to cut the connection, never hang.
                LOG.debugf("Response from %s broke off: %s", backend.name(), e.getMessage());
                reply.reset();
            });
        }

        private void fail(Throwable cause) {
            if (finished) {
                return;
            }
            finished = true;
            backend.breaker().onFailure();
            String reason = cause instanceof TimeoutException
                            || cause.getClass().getSimpleName().contains("Timeout")
                    ? "timeout"
                    : "unreachable";
            LOG.debugf("Backend %s %s: %s", backend.name(), reason, cause.getMessage());
            if (out != null) {
                out.reset();
            }
            Refusals.unavailable(ctx, backend.name(), reason, backend.breaker().retryAfterSeconds());
        }

        private void abort() {
            if (out != null && !finished) {
                finished = true;
                out.reset();
            }
        }
    }
}
