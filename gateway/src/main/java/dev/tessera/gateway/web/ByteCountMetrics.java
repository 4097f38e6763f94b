package dev.tessera.gateway.web;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leaves out the HTTP server's byte-count summaries ({@code http.server.bytes.read} and
 * {@code http.server.bytes.written}). Quarkus records one of each on every socket read and write,
 * which on the gateway means every proxied request and response; no alert or dashboard reads them
 * (the request timers {@code http.server.requests}, which the alerts use, stay), and recording them
 * was about 2% of the gateway's CPU per proxied read.
 */
public class ByteCountMetrics {

    static final String PREFIX = "http.server.bytes.";

    @Produces
    @Singleton
    MeterFilter leaveOutServerByteCounts() {
        return MeterFilter.deny(id -> id.getName().startsWith(PREFIX));
    }
}
