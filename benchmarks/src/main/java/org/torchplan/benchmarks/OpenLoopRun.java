package org.torchplan.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One open-loop run: request {@code i} is due at {@code start + i / rate} whatever the answers, goes out at its due
 * time on an idle keep-alive connection of a fixed pool (or, when none is idle, as soon as one is), and its latency
 * runs from its due time to the last byte of its answer, so a wait for a connection counts in it (wrk2's correction
 * of coordinated omission).
 *
 * <p>Two threads and no allocation per request, so the generator costs far less CPU than the service it loads (the
 * JDK HttpClient spent more per request than the service did): the calling thread wakes at each due time and writes
 * the request bytes, built once, on an idle connection itself; the selector thread reads the answers (one
 * {@link HttpResponseParser} per connection) and sends the requests that waited for a connection. Writing from the
 * clock thread, rather than waking the selector to write, saves a thread switch and two system calls per request.
 * The two share one lock, uncontended most of the time; the caller reads the counters after the selector thread
 * ends.
 */
final class OpenLoopRun {

    /** A request sent later than this after its due time is reported: the run did not hold the rate. */
    static final long LATE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RECONNECT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long SELECT_TIMEOUT_MILLIS = 100;

    private final LoadTarget target;
    private final int rate;
    private final int total;
    private final int connectionCount;
    private final long drainNanos;
    private final long[] latencies;
    private final ByteBuffer request;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> waitingToReconnect = new ArrayList<>();
    private final Consumer<SelectionKey> readyAction = this::ready; // one object, not one per select
    private Selector selector;
    private long start;
    private volatile boolean finished;

    /** Guards the pool (idle, waitingToReconnect, each connection), the latencies and the counters below. */
    private final Object lock = new Object();
    private int dueCount;
    private int sent;
    private int inFlight;
    private int completed;
    private int non2xx;
    private int errors;
    private int sentLate;
    private long lastAnswer;

    /**
     * @param drainNanos how long after the last due time the run waits for requests still unsent or unanswered;
     *                   then they are given up (in-flight ones counted as errors, unsent ones reported)
     */
    OpenLoopRun(LoadTarget target, int rate, int seconds, int connectionCount, long drainNanos) {
        this.target = target;
        this.rate = rate;
        this.total = Math.multiplyExact(rate, seconds);
        this.connectionCount = connectionCount;
        this.drainNanos = drainNanos;
        this.latencies = new long[total];
        Arrays.fill(latencies, -1);
        byte[] bytes = target.request();
        this.request = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** @throws ConnectException when the pool cannot be opened: nothing was sent */
    LoadResult run() throws IOException, InterruptedException {
        selector = Selector.open();
        try {
            openPool();
            return runOpenPool();
        } finally {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }

    private void openPool() throws IOException {
        if (target.address().isUnresolved()) {
            throw new ConnectException("cannot connect to " + target + ": unknown host");
        }
        for (int index = 0; index < connectionCount; index++) {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            try {
                channel.socket().connect(target.address(), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException failure) {
                channel.close();
                throw new ConnectException("cannot connect to " + target + ": " + failure.getMessage());
            }
            Connection connection = new Connection(request.duplicate());
            connected(connection, channel);
        }
    }

    private LoadResult runOpenPool() throws IOException, InterruptedException {
        Exception[] selectorFailure = new Exception[1];
        start = System.nanoTime();
        lastAnswer = start;
        Thread selectorThread = new Thread(() -> {
            try {
                selectLoop();
            } catch (IOException | RuntimeException failure) {
                selectorFailure[0] = failure;
            } finally {
                finished = true;
            }
        }, "open-loop-selector");
        selectorThread.start();
        sendOnTime();
        selectorThread.join();
        if (selectorFailure[0] instanceof IOException failure) {
            throw failure;
        }
        if (selectorFailure[0] instanceof RuntimeException bug) {
            throw bug;
        }
        long[] answered = Arrays.stream(latencies).filter(latency -> latency >= 0).toArray();
        return new LoadResult(rate, total, sent, completed, non2xx, errors, sentLate, connectionCount,
                lastAnswer - start, answered);
    }

    /** The calling thread: at each due time, sends what is due (several at once when it woke late). */
    private void sendOnTime() {
        int next = 0;
        while (next < total && !finished) {
            long wait = due(next) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            synchronized (lock) {
                sendDue(System.nanoTime());
                next = dueCount;
            }
        }
    }

    private long due(int index) {
        return start + index * 1_000_000_000L / rate;
    }

    private void selectLoop() throws IOException {
        long lastDue = due(total - 1);
        while (true) {
            synchronized (lock) {
                long now = System.nanoTime();
                reconnectWaiting(now);
                sendDue(now);
                if (sent == total && inFlight == 0) {
                    return;
                }
                if (now - lastDue > drainNanos) {
                    errors += inFlight; // never answered: timed out
                    inFlight = 0;
                    return;
                }
            }
            selector.select(readyAction, SELECT_TIMEOUT_MILLIS);
        }
    }

    /** Requests due and not sent wait, in order, for an idle connection; their latency is counted from due. */
    private void sendDue(long now) {
        while (dueCount < total && due(dueCount) <= now) {
            dueCount++;
        }
        while (sent < dueCount && !idle.isEmpty()) {
            Connection connection = idle.poll();
            int index = sent++;
            if (now - due(index) > LATE_NANOS) {
                sentLate++;
            }
            connection.request = index;
            connection.parser.reset();
            connection.outgoing.clear();
            inFlight++;
            try {
                connection.channel.write(connection.outgoing);
                if (connection.outgoing.hasRemaining()) {
                    connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    selector.wakeup(); // a change from the clock thread waits for the selector's next round
                }
            } catch (IOException failure) {
                fail(connection, now);
            }
        }
    }

    private void ready(SelectionKey key) {
        synchronized (lock) {
            readyLocked(key);
        }
    }

    private void readyLocked(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        if (!key.isValid() || key != connection.key) {
            return; // the clock thread replaced this connection after the selector picked its key
        }
        try {
            if (key.isConnectable()) {
                finishConnect(connection);
                return;
            }
            if (key.isWritable()) {
                connection.channel.write(connection.outgoing);
                if (!connection.outgoing.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isValid() && key.isReadable()) {
                read(connection);
            }
        } catch (IOException failure) {
            fail(connection, System.nanoTime());
        }
    }

    private void finishConnect(Connection connection) {
        try {
            if (connection.channel.finishConnect()) {
                connection.key.interestOps(SelectionKey.OP_READ);
                idle.add(connection);
            }
        } catch (IOException refused) {
            connectFailed(connection, System.nanoTime());
        }
    }

    private void read(Connection connection) throws IOException {
        readBuffer.clear();
        if (connection.channel.read(readBuffer) < 0) {
            endOfStream(connection);
            return;
        }
        readBuffer.flip();
        while (readBuffer.hasRemaining()) {
            if (connection.request < 0) {
                throw new ProtocolException("the server sent bytes with no request outstanding");
            }
            if (connection.parser.consume(readBuffer)) {
                boolean reusable = !connection.parser.connectionCloses() && !connection.outgoing.hasRemaining();
                answered(connection, System.nanoTime());
                if (!reusable) {
                    reconnect(connection, System.nanoTime());
                    return;
                }
                idle.add(connection);
            }
        }
    }

    private void endOfStream(Connection connection) throws IOException {
        if (connection.request >= 0) {
            if (!connection.parser.completesAtEndOfStream()) {
                throw new ProtocolException("the server closed the connection before the end of an answer");
            }
            answered(connection, System.nanoTime());
        }
        // an idle keep-alive connection the server closed (its idle timeout) is no error: open another
        reconnect(connection, System.nanoTime());
    }

    private void answered(Connection connection, long now) {
        latencies[connection.request] = now - due(connection.request);
        if (connection.parser.status() / 100 != 2) {
            non2xx++;
        }
        completed++;
        inFlight--;
        lastAnswer = now;
        connection.request = -1;
    }

    /** A socket or protocol error: counted once, the request it carried is lost, the connection replaced. */
    private void fail(Connection connection, long now) {
        errors++;
        if (connection.request >= 0) {
            inFlight--;
            connection.request = -1;
        }
        reconnect(connection, now);
    }

    private void reconnect(Connection connection, long now) {
        idle.remove(connection);
        close(connection);
        try {
            SocketChannel channel = SocketChannel.open();
            connection.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(target.address())) {
                connected(connection, channel);
            } else {
                connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
            }
            selector.wakeup(); // when on the clock thread: the selector takes the new channel at its next round
        } catch (IOException refused) {
            connectFailed(connection, now);
        }
    }

    /** Counted as an error and tried again a little later, so a service that went away is not hammered. */
    private void connectFailed(Connection connection, long now) {
        errors++;
        close(connection);
        connection.retryAt = now + RECONNECT_DELAY_NANOS;
        waitingToReconnect.add(connection);
    }

    private void reconnectWaiting(long now) {
        for (int index = waitingToReconnect.size() - 1; index >= 0; index--) {
            Connection connection = waitingToReconnect.get(index);
            if (now - connection.retryAt >= 0) {
                waitingToReconnect.remove(index);
                reconnect(connection, now);
            }
        }
    }

    private void connected(Connection connection, SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        connection.channel = channel;
        connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        idle.add(connection);
    }

    private static void close(Connection connection) {
        if (connection.channel == null) {
            return;
        }
        if (connection.key != null) {
            connection.key.cancel();
            connection.key = null;
        }
        try {
            connection.channel.close();
        } catch (IOException ignored) {
            // the connection is being replaced; its failure is already counted
        }
        connection.channel = null;
    }

    /** One keep-alive connection of the pool; replaced in place when it fails. */
    private static final class Connection {
        final ByteBuffer outgoing;
        final HttpResponseParser parser = new HttpResponseParser();
        SocketChannel channel;
        SelectionKey key;
        int request = -1;
        long retryAt;

        Connection(ByteBuffer outgoing) {
            this.outgoing = outgoing;
        }
    }
}
