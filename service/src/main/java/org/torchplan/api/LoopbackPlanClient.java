package org.torchplan.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The warm-up's HTTP/1.1 client: one keep-alive connection to the service's own port on loopback, POST /plan, the
 * status read and the body skipped (by Content-Length or chunked). Just enough HTTP for the service's own answers;
 * it reconnects when the server closes the connection (Tomcat does after its keep-alive limit).
 */
final class LoopbackPlanClient implements AutoCloseable {

    private final int port;
    private final String token;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream input;
    private OutputStream output;

    /** @param timeoutMillis for connecting and for each read: a warm-up must not hold readiness back for long */
    LoopbackPlanClient(int port, String token, int timeoutMillis) {
        this.port = port;
        this.token = token;
        this.timeoutMillis = timeoutMillis;
    }

    /** Posts {@code body} to /plan in {@code format}; the answer's status. */
    int post(byte[] body, String format) throws IOException {
        if (socket == null) {
            connect();
        }
        String head = "POST /plan?format=" + format + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nAccept: */*\r\n" + WarmupGate.HEADER + ": " + token
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        output.write(head.getBytes(StandardCharsets.US_ASCII));
        output.write(body);
        output.flush();
        return readResponse();
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
        input = new BufferedInputStream(socket.getInputStream());
        output = socket.getOutputStream();
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close");
                default -> { }
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";", 2)[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
                skip(size);
                line(); // the CRLF after each chunk
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0 && status != 204 && status != 304) {
            close = true; // a body that ends with the connection
            input.transferTo(OutputStream.nullOutputStream());
        }
        if (close) {
            close();
        }
        return status;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = input.skip(left);
            if (skipped <= 0) {
                if (input.read() < 0) {
                    throw new IOException("the answer ended early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int character = input.read(); character != '\n'; character = input.read()) {
            if (character < 0) {
                throw new IOException("the connection closed mid-answer");
            }
            if (character != '\r') {
                line.append((char) character);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a loopback socket: nothing to do about it
            }
            socket = null;
        }
    }
}
