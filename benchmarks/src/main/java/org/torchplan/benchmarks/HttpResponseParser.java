package org.torchplan.benchmarks;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response at a time from whatever pieces the socket delivers: the status line, the headers, then
 * the body by Content-Length, by {@code Transfer-Encoding: chunked} (Spring MVC answers with both) or, with neither,
 * until the server closes. The body is skipped, never copied: the load generator only needs to know where each
 * response ends and its status. Interim 1xx responses are passed over.
 *
 * <p>Not thread-safe: one parser per connection, used by the selector thread only.
 */
final class HttpResponseParser {

    /** A header line longer than this is refused: the generator talks to our own service, not to the web. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    private static final byte[] CONTENT_LENGTH = ascii("content-length:");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding:");
    private static final byte[] CONNECTION = ascii("connection:");

    private enum State {
        STATUS_LINE, HEADER_LINE, FIXED_BODY, CHUNK_SIZE_LINE, CHUNK_DATA, CHUNK_DATA_END, TRAILER_LINE,
        BODY_UNTIL_CLOSE, COMPLETE
    }

    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;
    private State state;
    private boolean started;
    private int status;
    private boolean http10;
    private long contentLength;
    private boolean chunked;
    private boolean closeRequested;
    private boolean keepAliveRequested;
    private long remainingBodyBytes;

    HttpResponseParser() {
        reset();
    }

    /** Forgets the last response: the next byte is expected to start a status line. */
    void reset() {
        lineLength = 0;
        state = State.STATUS_LINE;
        started = false;
        status = 0;
        http10 = false;
        contentLength = -1;
        chunked = false;
        closeRequested = false;
        keepAliveRequested = false;
        remainingBodyBytes = 0;
    }

    /**
     * Reads from {@code buffer} until the response is complete (returns true, the buffer's position just after its
     * last byte) or the buffer is used up (returns false: more is to come).
     */
    boolean consume(ByteBuffer buffer) throws ProtocolException {
        while (buffer.hasRemaining()) {
            started = true;
            switch (state) {
                case FIXED_BODY, CHUNK_DATA -> skipBody(buffer);
                case BODY_UNTIL_CLOSE -> buffer.position(buffer.limit());
                case COMPLETE -> throw new IllegalStateException("reset the parser before the next response");
                default -> readLine(buffer);
            }
            if (state == State.COMPLETE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The server closed the connection: true when that ends the response (a body without a length), false when the
     * response was cut short.
     */
    boolean completesAtEndOfStream() {
        if (state == State.BODY_UNTIL_CLOSE) {
            state = State.COMPLETE;
            return true;
        }
        return state == State.COMPLETE;
    }

    /** Whether any byte of the current response has arrived. */
    boolean started() {
        return started;
    }

    /** The status code of the response being read (0 before its status line). */
    int status() {
        return status;
    }

    /** Whether the server will close the connection after this response, so it cannot carry another request. */
    boolean connectionCloses() {
        return closeRequested || (http10 && !keepAliveRequested) || state == State.BODY_UNTIL_CLOSE;
    }

    private void skipBody(ByteBuffer buffer) {
        int skipped = (int) Math.min(buffer.remaining(), remainingBodyBytes);
        buffer.position(buffer.position() + skipped);
        remainingBodyBytes -= skipped;
        if (remainingBodyBytes == 0) {
            state = state == State.FIXED_BODY ? State.COMPLETE : State.CHUNK_DATA_END;
        }
    }

    private void readLine(ByteBuffer buffer) throws ProtocolException {
        while (buffer.hasRemaining()) {
            byte next = buffer.get();
            if (next == '\n') {
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                lineLength = 0;
                endOfLine(length);
                return;
            }
            if (lineLength == MAX_LINE_BYTES) {
                throw new ProtocolException("a response line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line[lineLength++] = next;
        }
    }

    private void endOfLine(int length) throws ProtocolException {
        switch (state) {
            case STATUS_LINE -> statusLine(length);
            case HEADER_LINE -> {
                if (length == 0) {
                    endOfHeaders();
                } else {
                    headerLine(length);
                }
            }
            case CHUNK_SIZE_LINE -> chunkSizeLine(length);
            case CHUNK_DATA_END -> {
                if (length != 0) {
                    throw new ProtocolException("chunk data longer than its size");
                }
                state = State.CHUNK_SIZE_LINE;
            }
            case TRAILER_LINE -> {
                if (length == 0) {
                    state = State.COMPLETE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** {@code HTTP/1.1 200 OK}: the version and the three digits are all that is kept. */
    private void statusLine(int length) throws ProtocolException {
        if (length < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/'
                || line[8] != ' ' || !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11])
                || (length > 12 && line[12] != ' ')) {
            throw new ProtocolException("not an HTTP status line: " + text(0, Math.min(length, 64)));
        }
        http10 = line[5] == '1' && line[6] == '.' && line[7] == '0';
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        state = State.HEADER_LINE;
    }

    private void headerLine(int length) throws ProtocolException {
        if (startsWithIgnoringCase(length, CONTENT_LENGTH)) {
            contentLength = parseDecimal(CONTENT_LENGTH.length, length);
        } else if (startsWithIgnoringCase(length, TRANSFER_ENCODING)) {
            // chunked must be the last coding when it is there at all (RFC 9112 6.3)
            chunked = text(TRANSFER_ENCODING.length, length).trim().toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (startsWithIgnoringCase(length, CONNECTION)) {
            String options = text(CONNECTION.length, length).toLowerCase(Locale.ROOT);
            closeRequested |= options.contains("close");
            keepAliveRequested |= options.contains("keep-alive");
        }
    }

    private void endOfHeaders() throws ProtocolException {
        if (status / 100 == 1) { // 100 Continue and the like come before the real answer
            reset();
            started = true;
            return;
        }
        if (status == 204 || status == 304) {
            state = State.COMPLETE;
        } else if (chunked) {
            state = State.CHUNK_SIZE_LINE;
        } else if (contentLength >= 0) {
            remainingBodyBytes = contentLength;
            state = contentLength == 0 ? State.COMPLETE : State.FIXED_BODY;
        } else {
            state = State.BODY_UNTIL_CLOSE;
        }
    }

    /** A chunk size in hexadecimal, perhaps followed by {@code ;extensions}; size 0 ends the body. */
    private void chunkSizeLine(int length) throws ProtocolException {
        long size = 0;
        int digits = 0;
        for (int index = 0; index < length && line[index] != ';' && line[index] != ' ' && line[index] != '\t';
                index++) {
            int value = Character.digit(line[index], 16);
            if (value < 0 || ++digits > 15) {
                throw new ProtocolException("not a chunk size: " + text(0, Math.min(length, 64)));
            }
            size = size * 16 + value;
        }
        if (digits == 0) {
            throw new ProtocolException("empty chunk size line");
        }
        if (size == 0) {
            state = State.TRAILER_LINE;
        } else {
            remainingBodyBytes = size;
            state = State.CHUNK_DATA;
        }
    }

    private long parseDecimal(int from, int to) throws ProtocolException {
        long value = 0;
        int digits = 0;
        for (int index = from; index < to; index++) {
            byte next = line[index];
            if (isDigit(next)) {
                if (++digits > 18) {
                    throw new ProtocolException("Content-Length too large");
                }
                value = value * 10 + (next - '0');
            } else if (next != ' ' && next != '\t') {
                throw new ProtocolException("not a Content-Length: " + text(from, to));
            }
        }
        if (digits == 0) {
            throw new ProtocolException("empty Content-Length");
        }
        return value;
    }

    private boolean startsWithIgnoringCase(int length, byte[] lowerCasePrefix) {
        if (length < lowerCasePrefix.length) {
            return false;
        }
        for (int index = 0; index < lowerCasePrefix.length; index++) {
            byte next = line[index];
            if (next >= 'A' && next <= 'Z') {
                next = (byte) (next + ('a' - 'A'));
            }
            if (next != lowerCasePrefix[index]) {
                return false;
            }
        }
        return true;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isDigit(byte next) {
        return next >= '0' && next <= '9';
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
