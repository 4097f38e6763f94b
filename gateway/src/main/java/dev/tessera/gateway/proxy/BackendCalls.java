package dev.tessera.gateway.proxy;

import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Small whole-body GETs the gateway makes on its own account (composite reads, OpenAPI
 * aggregation), under the same breakers and timeouts as proxied calls.
 */
@ApplicationScoped
public class BackendCalls {

    /** A backend's answer, or why there was none. */
    public record Result(String backend, int status, Buffer body, String unavailableReason) {
        public boolean available() {
            return unavailableReason == null;
        }
    }

    private static final int MAX_BODY = 4 * 1024 * 1024;

    @Inject
    Backends backends;

    @Inject
    TracePropagation tracing;

    /** GETs {@code pathAndQuery} from the backend, passing the caller's token and request id. */
    public Future<Result> get(String backendName, String pathAndQuery, String authorization, String requestId) {
        Backends.Backend backend = backends.get(backendName);
        if (!backend.breaker().tryAcquire()) {
            return Future.succeededFuture(new Result(backendName, 503, null, "circuit-open"));
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(backend.host())
                .setPort(backend.port())
                .setServer(backend.server())
                .setSsl(backend.tls())
                .setURI(pathAndQuery)
                .setConnectTimeout(backend.config().connectTimeout().toMillis())
                .setIdleTimeout(backend.config().timeout().toMillis())
                .putHeader("Accept", "application/json");
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        if (requestId != null) {
            options.putHeader("X-Request-Id", requestId);
        }
        tracing.inject(Context.current(), options.getHeaders());
        return backends.client()
                .request(options)
                // The body is asked for inside send's own callback, while the response's head is
                // being handled; one level out, the callback could run after the body had arrived.
                .compose(req -> req.send().compose(resp -> {
                    String length = resp.getHeader("Content-Length");
                    if (length != null && Long.parseLong(length) > MAX_BODY) {
                        return Future.failedFuture(new IllegalStateException("answer too large"));
                    }
                    return resp.body().map(body -> {
                        backend.breaker().onAnswer(resp.statusCode(), resp.getHeader(CircuitBreaker.PROXY_STATUS));
                        return new Result(
                                backendName,
                                resp.statusCode(),
                                body,
                                resp.statusCode() >= 500 ? "status " + resp.statusCode() : null);
                    });
                }))
                .recover(e -> {
                    backend.breaker().onFailure();
                    String reason = e.getClass().getSimpleName().contains("Timeout") ? "timeout" : "unreachable";
                    return Future.succeededFuture(new Result(backendName, 503, null, reason));
                });
    }
}
