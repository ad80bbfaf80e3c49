package vn.lgsp.hub.routes.it.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;

/**
 * Subscribers' REST inboxes in the test JVM ({@code POST /inbox/<n>} on one JDK HTTP server with a thread
 * pool): records every delivery as (X-Hub-Message-Id, recordId of the JSON body) and answers 200 after a
 * configurable processing time, so that delivery is slow enough to be cut by a crash.
 */
final class RecordingSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one inbox received. */
    static final class Inbox {
        /** Times each X-Hub-Message-Id was received. */
        final Map<String, AtomicInteger> byMessageId = new ConcurrentHashMap<>();
        /** The X-Hub-Message-Ids each recordId arrived with. */
        final Map<String, Set<String>> messageIdsByRecord = new ConcurrentHashMap<>();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger malformed = new AtomicInteger();
        /** System.nanoTime() of the latest request. */
        final AtomicLong lastNanos = new AtomicLong();

        int distinctRecords() {
            return messageIdsByRecord.size();
        }

        /** Requests beyond the first for the same X-Hub-Message-Id. */
        int duplicateDeliveries() {
            return byMessageId.values().stream().mapToInt(c -> c.get() - 1).sum();
        }

        /** Records that arrived under more than one X-Hub-Message-Id (never acceptable). */
        long recordsWithSeveralMessageIds() {
            return messageIdsByRecord.values().stream().filter(ids -> ids.size() > 1).count();
        }

        @Override
        public String toString() {
            return "requests=" + requests + ", distinctRecords=" + distinctRecords() + ", distinctMessageIds="
                    + byMessageId.size() + ", duplicateDeliveries=" + duplicateDeliveries()
                    + ", recordsWithSeveralMessageIds=" + recordsWithSeveralMessageIds() + ", malformed=" + malformed;
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final Map<Integer, Inbox> inboxes = new ConcurrentHashMap<>();
    private final long processingNanos;

    /** Starts on a free loopback port; each request takes {@code processingMicros} before its 200. */
    RecordingSubscriber(long processingMicros) throws IOException {
        this.processingNanos = TimeUnit.MICROSECONDS.toNanos(processingMicros);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/inbox/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** URL of inbox {@code n}. */
    String url(int n) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox/" + n;
    }

    Inbox inbox(int n) {
        return inboxes.computeIfAbsent(n, k -> new Inbox());
    }

    /**
     * Waits until inboxes 1 and 2 each hold {@code records} distinct records, then until no request came for
     * {@code quiet} (a late duplicate would still arrive).
     */
    void awaitEveryRecordThenQuiet(int records, Duration atMost, Duration quiet) {
        Awaitility.await("every record at both subscribers").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> inbox(1).distinctRecords() == records && inbox(2).distinctRecords() == records);
        AtomicInteger last = new AtomicInteger(-1);
        Awaitility.await(quiet + " without further deliveries").during(quiet).atMost(quiet.multipliedBy(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    int now = inbox(1).requests.get() + inbox(2).requests.get();
                    return last.getAndSet(now) == now;
                });
    }

    /** Nanoseconds since the latest request to any inbox. */
    long quietNanos() {
        long last = inboxes.values().stream().mapToLong(i -> i.lastNanos.get()).max().orElse(0);
        return System.nanoTime() - last;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int n;
            try {
                n = Integer.parseInt(path.substring("/inbox/".length()));
            } catch (NumberFormatException e) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (processingNanos > 0) {
                // the subscriber's own processing time (simulated), not a wait of the test
                LockSupport.parkNanos(processingNanos);
            }
            Inbox inbox = inbox(n);
            String messageId = exchange.getRequestHeaders().getFirst("X-Hub-Message-Id");
            String recordId = recordId(body);
            if (!"POST".equals(exchange.getRequestMethod()) || messageId == null || recordId == null) {
                inbox.malformed.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            // recorded before the 200: a crash after this line is the subscriber having the record
            inbox.byMessageId.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
            inbox.messageIdsByRecord.computeIfAbsent(recordId, k -> ConcurrentHashMap.newKeySet()).add(messageId);
            inbox.requests.incrementAndGet();
            inbox.lastNanos.set(System.nanoTime());
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String recordId(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || !node.hasNonNull("recordId") ? null : node.get("recordId").asText();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
