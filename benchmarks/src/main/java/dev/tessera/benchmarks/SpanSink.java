package dev.tessera.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/HTTP endpoint that accepts span batches and throws them away, so a benchmarked service
 * can trace as it ships (create, sample, batch and export every span) without a collector beside
 * it. An empty 200 answer is a valid, empty export response.
 */
final class SpanSink implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong batches = new AtomicLong();

    private SpanSink(HttpServer server) {
        this.server = server;
    }

    static SpanSink start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        SpanSink sink = new SpanSink(server);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            sink.batches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return sink;
    }

    /**
     * The sampler the services run with: every request ({@code parentbased_always_on}) unless
     * {@code -Dbench.traceSampler} (and {@code -Dbench.traceSamplerArg}) name another.
     */
    static final String SAMPLER = System.getProperty("bench.traceSampler", "parentbased_always_on");

    static final String SAMPLER_ARG = System.getProperty("bench.traceSamplerArg", "");

    /** Points a service's settings at this sink with tracing on, sampled by {@link #SAMPLER}. */
    void traceInto(Map<String, String> settings) {
        settings.put("quarkus.otel.sdk.disabled", "false");
        settings.put("quarkus.otel.traces.sampler", SAMPLER);
        if (!SAMPLER_ARG.isBlank()) {
            settings.put("quarkus.otel.traces.sampler.arg", SAMPLER_ARG);
        }
        settings.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        settings.put(
                "quarkus.otel.exporter.otlp.traces.endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    long batches() {
        return batches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
