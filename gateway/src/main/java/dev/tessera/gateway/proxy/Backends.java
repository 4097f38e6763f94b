package dev.tessera.gateway.proxy;

import dev.tessera.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** One pooled HTTP client and one circuit breaker per configured backend. */
@ApplicationScoped
public class Backends {

    /** A service behind the gateway. */
    public record Backend(
            String name, String host, int port, boolean tls, GatewayConfig.Backend config, CircuitBreaker breaker) {}

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final HttpClient client;

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
                                    config.circuit().openFor())));
            connectTimeout =
                    Math.max(connectTimeout, (int) e.getValue().connectTimeout().toMillis());
        }
        // Keep-alive pools per host: a fresh TCP connection per proxied call would cost more than the proxying.
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout(connectTimeout)
                        .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(64));
    }

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

    public HttpClient client() {
        return client;
    }
}
