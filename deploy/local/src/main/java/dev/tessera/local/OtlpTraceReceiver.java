package dev.tessera.local;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP trace receiver for the local stack: every service exports its spans here
 * ({@code http/protobuf}), and each span is kept in memory and appended to {@code traces.jsonl} as one
 * line (service, trace id, span id, name), so a trace id from a log line can be followed across
 * services with grep. Only the fields Tessera needs are decoded; the rest of the message is skipped.
 */
public final class OtlpTraceReceiver implements AutoCloseable {

    /** One received span. */
    public record ReceivedSpan(String service, String traceId, String spanId, String name) {}

    private final HttpServer server;
    private final Path file;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpTraceReceiver(HttpServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    /** Listens on {@code port} (0 for a free one) and writes spans to {@code file}. */
    public static OtlpTraceReceiver start(int port, Path file) {
        try {
            Files.createDirectories(file.getParent());
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            OtlpTraceReceiver receiver = new OtlpTraceReceiver(server, file);
            server.createContext("/v1/traces", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "otlp-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new StackException("could not start the trace receiver on port " + port + ": " + e.getMessage());
        }
    }

    /** The base URL services export to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            List<ReceivedSpan> received = decodeRequest(body.readAllBytes());
            spans.addAll(received);
            StringBuilder lines = new StringBuilder();
            for (ReceivedSpan s : received) {
                lines.append(PlatformClient.write(s)).append('\n');
            }
            Files.writeString(
                    file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    /** ExportTraceServiceRequest: repeated ResourceSpans resource_spans = 1. */
    static List<ReceivedSpan> decodeRequest(byte[] bytes) throws IOException {
        List<ReceivedSpan> out = new java.util.ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                decodeResourceSpans(in.readBytes().toByteArray(), out);
            } else {
                in.skipField(tag);
            }
        }
        return out;
    }

    /** ResourceSpans: Resource resource = 1; repeated ScopeSpans scope_spans = 2. */
    private static void decodeResourceSpans(byte[] bytes, List<ReceivedSpan> out) throws IOException {
        String service = "unknown";
        List<byte[]> scopes = new java.util.ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> service = serviceName(in.readBytes().toByteArray(), service);
                case 2 -> scopes.add(in.readBytes().toByteArray());
                default -> in.skipField(tag);
            }
        }
        for (byte[] scope : scopes) {
            CodedInputStream s = CodedInputStream.newInstance(scope);
            for (int tag = s.readTag(); tag != 0; tag = s.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 2) {
                    out.add(decodeSpan(service, s.readBytes().toByteArray()));
                } else {
                    s.skipField(tag);
                }
            }
        }
    }

    /** Resource: repeated KeyValue attributes = 1; KeyValue: key = 1, AnyValue value = 2 (string_value = 1). */
    private static String serviceName(byte[] resource, String fallback) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(resource);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != 1) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream kv = CodedInputStream.newInstance(in.readBytes().toByteArray());
            String key = null;
            String value = null;
            for (int t = kv.readTag(); t != 0; t = kv.readTag()) {
                switch (WireFormat.getTagFieldNumber(t)) {
                    case 1 -> key = kv.readString();
                    case 2 -> {
                        CodedInputStream any =
                                CodedInputStream.newInstance(kv.readBytes().toByteArray());
                        for (int a = any.readTag(); a != 0; a = any.readTag()) {
                            if (WireFormat.getTagFieldNumber(a) == 1) {
                                value = any.readString();
                            } else {
                                any.skipField(a);
                            }
                        }
                    }
                    default -> kv.skipField(t);
                }
            }
            if ("service.name".equals(key) && value != null) {
                return value;
            }
        }
        return fallback;
    }

    /** Span: bytes trace_id = 1; bytes span_id = 2; string name = 5. */
    private static ReceivedSpan decodeSpan(String service, byte[] bytes) throws IOException {
        String traceId = null;
        String spanId = null;
        String name = null;
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> traceId = HexFormat.of().formatHex(in.readBytes().toByteArray());
                case 2 -> spanId = HexFormat.of().formatHex(in.readBytes().toByteArray());
                case 5 -> name = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new ReceivedSpan(service, traceId, spanId, name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
