package org.torchplan.benchmarks;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Where the load goes and the one request it sends, as bytes built once: {@code POST} with Host, Content-Type
 * {@code application/json}, Content-Length and the body, on a keep-alive HTTP/1.1 connection. Plain http only.
 */
final class LoadTarget {

    private final InetSocketAddress address;
    private final byte[] request;

    private LoadTarget(InetSocketAddress address, byte[] request) {
        this.address = address;
        this.request = request;
    }

    /** @throws IllegalArgumentException when the URL is not an absolute http URL with a host */
    static LoadTarget post(String url, byte[] jsonBody) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException invalid) {
            throw new IllegalArgumentException("URL: not a URL: " + url);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("URL: only http:// is supported, got " + url);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("URL: no host in " + url);
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = uri.getPort() == -1 ? host : host + ":" + port;
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + jsonBody.length + "\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + jsonBody.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(jsonBody, 0, request, headBytes.length, jsonBody.length);
        // an IPv6 literal keeps its brackets in the Host header, not in the address
        String addressHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new LoadTarget(new InetSocketAddress(addressHost, port), request);
    }

    InetSocketAddress address() {
        return address;
    }

    /** The whole request, head and body; callers must not change it. */
    byte[] request() {
        return request;
    }

    @Override
    public String toString() {
        return address.getHostString() + ":" + address.getPort();
    }
}
