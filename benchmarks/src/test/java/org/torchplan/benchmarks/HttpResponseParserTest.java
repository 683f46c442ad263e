package org.torchplan.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

    private static final String CONTENT_LENGTH_RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"plan\":\"ok\"}";
    private static final String CHUNKED_RESPONSE = "HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n"
            + "5;name=value\r\n{\"pla\r\n"
            + "8\r\nn\":\"ok\"}\r\n"
            + "0\r\nX-Trailer: yes\r\n\r\n";

    private final HttpResponseParser parser = new HttpResponseParser();

    @Test
    void aContentLengthBodyFedOneByteAtATimeEndsOnItsLastByte() throws Exception {
        assertEndsOnLastByteWhenFedOneByteAtATime(CONTENT_LENGTH_RESPONSE);
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.connectionCloses()).isFalse();
    }

    @Test
    void aChunkedBodyWithExtensionsAndTrailersFedOneByteAtATimeEndsOnItsLastByte() throws Exception {
        assertEndsOnLastByteWhenFedOneByteAtATime(CHUNKED_RESPONSE);
        assertThat(parser.status()).isEqualTo(201);
    }

    @Test
    void chunkedWinsOverAContentLength() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n";
        assertEndsOnLastByteWhenFedOneByteAtATime(response);
    }

    @Test
    void headerNamesAreCaseInsensitive() throws Exception {
        ByteBuffer buffer = bytes("HTTP/1.1 200 OK\r\ncOnTeNt-LeNgTh:  2 \r\n\r\nhi");
        assertThat(parser.consume(buffer)).isTrue();
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void twoResponsesInOneBufferAreReadOneAfterTheOther() throws Exception {
        ByteBuffer buffer = bytes(CONTENT_LENGTH_RESPONSE + CHUNKED_RESPONSE);
        assertThat(parser.consume(buffer)).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(buffer.position()).isEqualTo(CONTENT_LENGTH_RESPONSE.length());
        parser.reset();
        assertThat(parser.consume(buffer)).isTrue();
        assertThat(parser.status()).isEqualTo(201);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void anInterimContinueIsPassedOver() throws Exception {
        ByteBuffer buffer = bytes("HTTP/1.1 100 Continue\r\n\r\n" + CONTENT_LENGTH_RESPONSE);
        assertThat(parser.consume(buffer)).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() throws Exception {
        assertThat(parser.consume(bytes("HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n"))).isTrue();
        parser.reset();
        assertThat(parser.consume(bytes("HTTP/1.1 304 Not Modified\r\n\r\n"))).isTrue();
    }

    @Test
    void aStatusLineWithoutReasonPhraseIsRead() throws Exception {
        assertThat(parser.consume(bytes("HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n"))).isTrue();
        assertThat(parser.status()).isEqualTo(503);
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheServerCloses() throws Exception {
        assertThat(parser.consume(bytes("HTTP/1.1 200 OK\r\n\r\nsome body"))).isFalse();
        assertThat(parser.connectionCloses()).isTrue();
        assertThat(parser.completesAtEndOfStream()).isTrue();
        assertThat(parser.status()).isEqualTo(200);
    }

    @Test
    void aResponseCutShortDoesNotCompleteAtTheEndOfTheStream() throws Exception {
        assertThat(parser.consume(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))).isFalse();
        assertThat(parser.started()).isTrue();
        assertThat(parser.completesAtEndOfStream()).isFalse();
    }

    @Test
    void connectionCloseAndHttp10AreNotReusable() throws Exception {
        assertThat(parser.consume(bytes("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))).isTrue();
        assertThat(parser.connectionCloses()).isTrue();
        parser.reset();
        assertThat(parser.consume(bytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"))).isTrue();
        assertThat(parser.connectionCloses()).isTrue();
        parser.reset();
        assertThat(parser.consume(bytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")))
                .isTrue();
        assertThat(parser.connectionCloses()).isFalse();
    }

    @Test
    void resetForgetsTheLastResponse() throws Exception {
        assertThat(parser.consume(bytes("HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))).isTrue();
        parser.reset();
        assertThat(parser.started()).isFalse();
        assertThat(parser.consume(bytes(CONTENT_LENGTH_RESPONSE))).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.connectionCloses()).isFalse();
    }

    @Test
    void whatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> parser.consume(bytes("SSH-2.0-OpenSSH_9.2\r\n")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("SSH-2.0");
        parser.reset();
        assertThatThrownBy(() -> parser.consume(bytes("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n")))
                .isInstanceOf(ProtocolException.class);
        parser.reset();
        assertThatThrownBy(() -> parser.consume(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
                .isInstanceOf(ProtocolException.class);
        parser.reset();
        assertThatThrownBy(() -> parser.consume(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("longer than its size");
        parser.reset();
        assertThatThrownBy(() -> parser.consume(bytes("HTTP/1.1 200 OK\r\nX: " + "a".repeat(9000))))
                .isInstanceOf(ProtocolException.class);
    }

    private void assertEndsOnLastByteWhenFedOneByteAtATime(String response) throws ProtocolException {
        byte[] all = response.getBytes(StandardCharsets.ISO_8859_1);
        for (int index = 0; index < all.length - 1; index++) {
            ByteBuffer piece = ByteBuffer.wrap(all, index, 1);
            assertThat(parser.consume(piece)).as("complete after byte %d of %d", index + 1, all.length).isFalse();
            assertThat(piece.hasRemaining()).isFalse();
        }
        assertThat(parser.consume(ByteBuffer.wrap(all, all.length - 1, 1))).isTrue();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
