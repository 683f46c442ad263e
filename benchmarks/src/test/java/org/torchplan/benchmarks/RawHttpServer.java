package org.torchplan.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on 127.0.0.1 written on a bare {@link ServerSocket}, for the answers a real server library
 * will not give: responses written a few bytes at a time, connections dropped in the middle of an exchange. One
 * thread per connection; each request (head and Content-Length body) is read whole, then handed to the
 * {@link Responder} with its number in arrival order.
 */
final class RawHttpServer implements AutoCloseable {

    /** What to do with request number {@code number} (0 first): write to {@code out}; false closes the connection. */
    interface Responder {
        boolean respond(int number, Socket connection, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Responder responder;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    RawHttpServer(Responder responder) throws IOException {
        this.responder = responder;
        this.socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Requests read in full so far. */
    int requests() {
        return requests.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true); // so each small write leaves as its own segment
                connections.add(connection);
                Thread serving = new Thread(() -> serve(connection), "raw-http-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (readRequest(in)) {
                if (!responder.respond(requests.getAndIncrement(), connection, out)) {
                    return;
                }
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // the client went away, or the test ended
        }
    }

    /** Reads one request, head and body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // how much of CR LF CR LF was just read
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                return false;
            }
            head.write(next);
            matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        int contentLength = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return in.readNBytes(contentLength).length == contentLength;
    }

    /** Writes {@code bytes} {@code pieceSize} at a time, each flushed on its own. */
    static void writeInPieces(OutputStream out, String bytes, int pieceSize) throws IOException {
        byte[] all = bytes.getBytes(StandardCharsets.ISO_8859_1);
        for (int from = 0; from < all.length; from += pieceSize) {
            out.write(all, from, Math.min(pieceSize, all.length - from));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
