package vn.lgsp.hub.routes.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Crash test of the Publish and Delivery flows with every part in its own process: a standalone Artemis
 * 2.40.0 broker (the Maven Central distribution, {@code artemis.home}), the hub jar ({@code hub.jar}), and the
 * recording subscribers in this JVM. 5,000 records are published, then the hub (or the broker) is killed with
 * SIGKILL while delivery is in flight and started again; every record must reach both subscribers exactly
 * once and the audit must hold 5,000 PUBLISH rows and 5,000 successful DELIVERY rows per subscriber.
 */
class DeliveryCrashIT {

    private static final int RECORDS = 5_000;
    private static final int BATCH = 100;
    private static final int PUBLISH_THREADS = 4;
    /** Simulated processing time of each subscriber request, so delivery lasts long enough to be cut. */
    private static final long SUBSCRIBER_MICROS = Long.getLong("crash.subscriber.micros", 1_000);
    /** Records the first subscriber must have got before the kill (publishing is complete by then too). */
    private static final int KILL_AFTER = RECORDS / 5;
    /** Consumers per subscription in {@link CrashCatalog}. */
    private static final int CONSUMERS = 4;
    /**
     * Most records one consumer takes in one broker transaction ({@code hub.async.delivery-batch-max-records},
     * default): a consumer commits the outcomes of its batch together, so at a kill at most this many of its
     * deliveries are sent but not yet recorded.
     */
    private static final int DELIVERY_BATCH = 100;

    private RecordingSubscriber inboxes;
    private ArtemisBroker broker;
    private HubProcess hub;
    private Path dir;

    @RegisterExtension
    final TestWatcher logsOnFailure = new ProcessLogsOnFailure(() -> dir, () -> hub == null ? List.of() : List.of(hub),
            () -> broker);

    @AfterEach
    void killEverything() {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            try {
                if (broker != null) {
                    broker.close();
                }
            } finally {
                if (inboxes != null) {
                    inboxes.close();
                }
            }
        }
    }

    @Test
    void hubKilledMidDeliveryDeliversEveryRecordExactlyOnceAfterRestart(TestInfo info) throws Exception {
        startAll("hub-kill");
        long publishMillis = publishAll();
        Kill kill = killWhenDeliveryIsUnderway(hub::kill);
        hub.start();
        long recoveryMillis = awaitEveryRecordDelivered(kill);
        report(info, publishMillis, kill, recoveryMillis);
        // A kill after the subscriber took a record but before the hub committed "DELIVERED" (the HTTP answer
        // on its way back, or the database update) cannot be told apart from a kill before the send: that
        // message is sent again, with the same X-Hub-Message-Id, so a subscriber deduplicating on it sees every
        // record exactly once. Only deliveries in flight at the kill are exposed: at most a batch per consumer.
        assertEveryRecordOnceAtMostRedeliveredInFlight(CONSUMERS * DELIVERY_BATCH);
        assertAudit();
    }

    @Test
    void brokerKilledMidDeliveryDeliversEveryRecordExactlyOnceAfterRestart(TestInfo info) throws Exception {
        startAll("broker-kill");
        long publishMillis = publishAll();
        Kill kill = killWhenDeliveryIsUnderway(broker::kill);
        assertThat(hub.isAlive()).as("the hub survives the loss of its broker").isTrue();
        broker.start();
        // no hub restart: the hub must reconnect to the restarted broker by itself
        long recoveryMillis = awaitEveryRecordDelivered(kill);
        report(info, publishMillis, kill, recoveryMillis);
        // the hub commits "DELIVERED" before the broker commit (also for what a batch sent before the broker
        // was lost), so a lost broker never causes a second send
        assertEveryRecordOnceAtMostRedeliveredInFlight(0);
        assertAudit();
        assertThat(hub.isAlive()).isTrue();
    }

    private void startAll(String scenario) throws Exception {
        Path base = Path.of(System.getProperty("hub.it.crash.dir", "target/crash-it")).toAbsolutePath();
        dir = Files.createDirectories(base).resolve(scenario + "-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        Path artemisHome = Path.of(System.getProperty("artemis.home", "target/artemis/apache-artemis-2.40.0"));
        Path repoConfig = Path.of(System.getProperty("hub.config.dir", "../config")).toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("hub.jar", "target/lgsp-hub.jar")).toAbsolutePath();
        assertThat(jar).as("the repackaged hub jar (hub.jar, built by 'mvn package')").isRegularFile();
        inboxes = new RecordingSubscriber(SUBSCRIBER_MICROS);
        broker = ArtemisBroker.create(artemisHome.toAbsolutePath(), dir);
        broker.start();
        Path catalog = CrashCatalog.write(dir.resolve("config"), repoConfig, inboxes);
        // a private copy: a rebuild of target/lgsp-hub.jar must not pull classes from under the running hub
        Path ownJar = Files.copy(jar, dir.resolve("lgsp-hub.jar"));
        hub = new HubProcess(ownJar, dir.resolve("hub"), catalog, broker.url());
        hub.start();
    }

    /** Publishes the records in batches from a few threads; returns the elapsed milliseconds. */
    private long publishAll() throws Exception {
        HubClient client = new HubClient(hub);
        String token = client.token();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISH_THREADS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < RECORDS; from += BATCH) {
                int first = from;
                batches.add(pool.submit(() -> client.publishBatch(token, first, Math.min(first + BATCH, RECORDS))));
            }
            for (Future<?> batch : batches) {
                batch.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Waits until the first subscriber has {@link #KILL_AFTER} records, kills, and returns what each
     * subscriber had at that moment; fails if delivery was nearly complete (the crash would prove little).
     */
    private Kill killWhenDeliveryIsUnderway(Runnable kill) {
        await("first " + KILL_AFTER + " deliveries").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> inboxes.inbox(1).distinctRecords() >= KILL_AFTER);
        long at = System.nanoTime();
        kill.run();
        Kill done = new Kill(at, inboxes.inbox(1).distinctRecords(), inboxes.inbox(2).distinctRecords());
        assertThat(Math.max(done.first(), done.second()))
                .as("records at a subscriber when the kill came: must be mid-stream (if delivery outruns publishing"
                        + " on this machine, raise -Dcrash.subscriber.micros)").isLessThanOrEqualTo(RECORDS * 4 / 5);
        return done;
    }

    /** When the kill came ({@code System.nanoTime()}) and how many records each subscriber had then. */
    private record Kill(long nanos, int first, int second) {
    }

    /** Waits until both subscribers hold every record, then for 3 s without any request; returns ms since kill. */
    private long awaitEveryRecordDelivered(Kill kill) {
        await("every record at both subscribers").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> inboxes.inbox(1).distinctRecords() == RECORDS
                        && inboxes.inbox(2).distinctRecords() == RECORDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - kill.nanos());
        AtomicInteger last = new AtomicInteger(-1);
        await("3 s without further deliveries").during(Duration.ofSeconds(3)).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    int now = inboxes.inbox(1).requests.get() + inboxes.inbox(2).requests.get();
                    return last.getAndSet(now) == now;
                });
        return millis;
    }

    private void report(TestInfo info, long publishMillis, Kill kill, long recoveryMillis) {
        System.out.printf("%s: published %d records in %d ms; at the kill subscribers had %d / %d; "
                        + "all delivered %d ms after the kill; subscriber 1 {%s}; subscriber 2 {%s}%n",
                info.getDisplayName(), RECORDS, publishMillis, kill.first(), kill.second(), recoveryMillis,
                inboxes.inbox(1), inboxes.inbox(2));
    }

    /**
     * Every record reached every subscriber under one X-Hub-Message-Id; at most {@code inFlight} messages per
     * subscriber were sent twice (never more than twice).
     */
    private void assertEveryRecordOnceAtMostRedeliveredInFlight(int inFlight) {
        Set<String> expected = new HashSet<>();
        IntStream.range(0, RECORDS).forEach(i -> expected.add(HubClient.recordId(i)));
        for (int n = 1; n <= CrashCatalog.SUBSCRIBERS.length; n++) {
            RecordingSubscriber.Inbox inbox = inboxes.inbox(n);
            assertThat(missing(expected, inbox.messageIdsByRecord.keySet())).as("records missing at subscriber %d", n)
                    .isEmpty();
            assertThat(missing(inbox.messageIdsByRecord.keySet(), expected)).as("unknown records at subscriber %d", n)
                    .isEmpty();
            assertThat(inbox.malformed.get()).as("malformed deliveries at subscriber %d", n).isZero();
            assertThat(inbox.recordsWithSeveralMessageIds())
                    .as("records that reached subscriber %d under two X-Hub-Message-Ids", n).isZero();
            assertThat(inbox.duplicateDeliveries()).as("messages sent again to subscriber %d (%s)", n, inbox)
                    .isLessThanOrEqualTo(inFlight);
            assertThat(inbox.byMessageId.values().stream().mapToInt(AtomicInteger::get).max().orElse(0))
                    .as("most times one X-Hub-Message-Id reached subscriber %d", n).isLessThanOrEqualTo(2);
        }
    }

    /**
     * Through the operator API: one PUBLISH row (202) per record, and per subscriber one successful DELIVERY
     * row (2xx, no code) per published exchange. Retried for up to 30 s in case the last rows are being written.
     */
    private void assertAudit() {
        HubClient client = new HubClient(hub);
        await("complete audit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertAuditRows(client));
    }

    private static void assertAuditRows(HubClient client) {
        List<JsonNode> published = client.audit("PUBLISH");
        Set<String> exchangeIds = exchangeIds(published);
        assertThat(published.size()).as("PUBLISH audit rows").isEqualTo(RECORDS);
        assertThat(exchangeIds.size()).as("distinct exchangeIds of PUBLISH rows").isEqualTo(RECORDS);
        assertThat(published.stream().filter(r -> r.path("status").asInt() != 202).count())
                .as("PUBLISH rows with a status other than 202").isZero();

        List<JsonNode> deliveries = client.audit("DELIVERY");
        for (String subscriber : CrashCatalog.SUBSCRIBERS) {
            List<JsonNode> rows = deliveries.stream()
                    .filter(r -> subscriber.equals(r.path("subscriber").asText())).toList();
            List<JsonNode> failed = rows.stream().filter(r -> r.path("status").asInt() / 100 != 2
                    || !(r.path("code").isMissingNode() || r.path("code").isNull())).toList();
            assertThat(failed).as("DELIVERY rows of %s that are not a success", subscriber).isEmpty();
            Set<String> delivered = exchangeIds(rows);
            assertThat(missing(exchangeIds, delivered)).as("published exchanges without a DELIVERY row for %s (%d rows"
                    + " for %d exchanges)", subscriber, rows.size(), delivered.size()).isEmpty();
            assertThat(rows.size()).as("DELIVERY audit rows of %s", subscriber).isEqualTo(RECORDS);
            assertThat(delivered.size()).as("distinct exchangeIds of the DELIVERY rows of %s", subscriber)
                    .isEqualTo(RECORDS);
        }
        assertThat(deliveries.size()).as("DELIVERY rows in all").isEqualTo(RECORDS * CrashCatalog.SUBSCRIBERS.length);
    }

    private static Set<String> exchangeIds(List<JsonNode> rows) {
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.path("exchangeId").asText()));
        return ids;
    }

    /** Elements of {@code all} not in {@code present}, sorted, at most 20 (for a readable failure). */
    private static List<String> missing(Set<String> all, Set<String> present) {
        return all.stream().filter(id -> !present.contains(id)).sorted().limit(20).toList();
    }
}
