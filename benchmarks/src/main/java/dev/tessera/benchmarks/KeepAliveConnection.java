package dev.tessera.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection, for load generators whose cost must stay small next to the
 * service's: on a 2-core machine every microsecond a sender spends is taken from the service it
 * measures. The JDK's {@code HttpClient} hands each call to its selector and worker threads and
 * back; here the calling thread writes the request and reads the answer on its own socket.
 * Requests go one at a time (no pipelining); the answer's body is read whole (length or chunked).
 */
final class KeepAliveConnection implements Closeable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    private final StringBuilder line = new StringBuilder(128);
    private final byte[] scratch = new byte[8192];

    KeepAliveConnection(URI base) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        host = base.getHost() + ":" + base.getPort();
    }

    /** A response: its status and body. */
    record Answer(int status, String body) {}

    /** Posts a JSON body and reads the whole answer. */
    Answer postJson(String path, String bearerToken, String json) throws IOException {
        return sendJson("POST", path, bearerToken, json);
    }

    /** Puts a JSON body and reads the whole answer. */
    Answer putJson(String path, String bearerToken, String json) throws IOException {
        return sendJson("PUT", path, bearerToken, json);
    }

    private Answer sendJson(String method, String path, String bearerToken, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + bearerToken
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return read();
    }

    /** Sends a GET (with a bearer token unless it is null) and reads the whole answer. */
    Answer get(String pathAndQuery, String bearerToken) throws IOException {
        sendGet(pathAndQuery, bearerToken);
        return read();
    }

    /**
     * Sends a GET and reads the whole answer without keeping it: its status and the length of its
     * body. A timed loop that checked the answer once reads every later one this way, so that the
     * load generator does not allocate (and collect) a copy of each large answer while it measures.
     */
    Discarded getDiscarding(String pathAndQuery, String bearerToken) throws IOException {
        sendGet(pathAndQuery, bearerToken);
        Head head = readHead();
        return new Discarded(head.status, readBody(head, null));
    }

    /** A response read and not kept: its status and how long its body was. */
    record Discarded(int status, long length) {}

    private void sendGet(String pathAndQuery, String bearerToken) throws IOException {
        String head = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host
                + (bearerToken == null ? "" : "\r\nAuthorization: Bearer " + bearerToken) + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private Answer read() throws IOException {
        Head head = readHead();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        readBody(head, body);
        return new Answer(head.status, body.toString(StandardCharsets.UTF_8));
    }

    /** An answer's status line and the headers that say how its body ends. */
    private record Head(String statusLine, int status, long length, boolean chunked, boolean close) {}

    private Head readHead() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        return new Head(status, code, length, chunked, close);
    }

    /** Reads the body into {@code into} (or nowhere when it is null); the body's length. */
    private long readBody(Head head, ByteArrayOutputStream into) throws IOException {
        long read = 0;
        if (head.chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                copy(size, into);
                read += size;
                readLine();
            }
            // Trailers, if any, end with an empty line.
            while (!readLine().isEmpty()) {
                // skipped
            }
        } else if (head.length >= 0) {
            copy(head.length, into);
            read = head.length;
        } else {
            throw new IOException("an answer with neither a length nor chunks: " + head.statusLine);
        }
        if (head.close) {
            throw new IOException("the server closed a kept-alive connection: " + head.statusLine);
        }
        return read;
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        int extension = size.indexOf(';');
        return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    private void copy(long n, ByteArrayOutputStream into) throws IOException {
        while (n > 0) {
            int read = in.read(scratch, 0, (int) Math.min(n, scratch.length));
            if (read < 0) {
                throw new EOFException("the connection ended inside a body");
            }
            if (into != null) {
                into.write(scratch, 0, read);
            }
            n -= read;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection ended inside a header");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
