package dev.tessera.gateway.proxy;

import dev.tessera.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per configured backend, and keep-alive connection pools that stay on the
 * event loop of the request using them.
 */
@Singleton
public class Backends {

    /**
     * A service behind the gateway. {@code server} is its address as the HTTP client takes it, made
     * once: the client would otherwise build it from host and port for every call (a host name in
     * it is still resolved when a connection is opened, as before).
     */
    public record Backend(
            String name,
            String host,
            int port,
            boolean tls,
            GatewayConfig.Backend config,
            CircuitBreaker breaker,
            SocketAddress server) {}

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    private final HttpClient shared;
    private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();

    @Inject
    public Backends(GatewayConfig config, Vertx vertx) {
        int connectTimeout = 2000;
        for (var e : config.backends().entrySet()) {
            URI url = URI.create(e.getValue().url());
            boolean tls = "https".equalsIgnoreCase(url.getScheme());
            int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
            backends.put(
                    e.getKey(),
                    new Backend(
                            e.getKey(),
                            url.getHost(),
                            port,
                            tls,
                            e.getValue(),
                            new CircuitBreaker(
                                    config.circuit().failureThreshold(),
                                    config.circuit().openFor()),
                            SocketAddress.inetSocketAddress(port, url.getHost())));
            connectTimeout =
                    Math.max(connectTimeout, (int) e.getValue().connectTimeout().toMillis());
        }
        this.vertx = vertx;
        // Keep-alive pools per host: a fresh TCP connection per proxied call would cost more than the proxying.
        // No client span per call: the caller's trace context is put on the call by TracePropagation instead.
        this.clientOptions = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout(connectTimeout)
                .setDecompressionSupported(false)
                .setTracingPolicy(TracingPolicy.IGNORE);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(POOL_PER_EVENT_LOOP);
        this.shared = vertx.createHttpClient(clientOptions, poolOptions);
    }

    /** Keep-alive connections per backend host and event loop (Quarkus runs two event loops per core). */
    static final int POOL_PER_EVENT_LOOP = 32;

    public Backend get(String name) {
        Backend backend = backends.get(name);
        if (backend == null) {
            throw new IllegalArgumentException("no backend " + name);
        }
        return backend;
    }

    public Map<String, Backend> all() {
        return backends;
    }

    /**
     * The client for the calling thread. On an event loop it is that loop's own client: its
     * connections are opened on, and only ever used from, the same loop, so a proxied exchange runs
     * on one thread from the caller's request to the backend's last byte. One client shared by all
     * loops hands its most recently used connection to whichever loop asks, and every request and
     * response then hops between two threads (two extra wake-ups per call, which a busy machine
     * charges in milliseconds). Other threads share one client.
     */
    public HttpClient client() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return perEventLoop.computeIfAbsent(
                Thread.currentThread(), loop -> vertx.createHttpClient(clientOptions, poolOptions));
    }
}
