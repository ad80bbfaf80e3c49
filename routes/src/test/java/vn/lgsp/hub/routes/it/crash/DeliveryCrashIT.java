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
import org.junit.jupiter.api.extension.ExtensionContext;
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
    private static final long SUBSCRIBER_MICROS = Long.getLong("crash.subscriber.micros", 3_000);
    /** Records the first subscriber must have got before the kill (publishing is complete by then too). */
    private static final int KILL_AFTER = RECORDS / 5;
    /** Consumers per subscription in {@link CrashCatalog}: at most this many deliveries are in flight at a kill. */
    private static final int CONSUMERS = 4;

    private RecordingSubscriber inboxes;
    private ArtemisBroker broker;
    private HubProcess hub;
    private Path dir;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.err.println("==== " + context.getDisplayName() + " failed; process logs under " + dir);
            if (hub != null) {
                System.err.println(hub.logTails(80));
            }
            if (broker != null) {
                System.err.println(CrashSupport.tail(broker.log(), 60));
            }
        }
    };

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
        long killedAt = System.nanoTime();
        int[] atKill = killWhenDeliveryIsUnderway(hub::kill);
        hub.start();
        long recoveryMillis = awaitEveryRecordDelivered(killedAt);
        report(info, publishMillis, atKill, recoveryMillis);
        // A kill after the subscriber took a record but before the hub committed "DELIVERED" (the HTTP answer
        // on its way back, or the database update) cannot be told apart from a kill before the send: that
        // message is sent again, with the same X-Hub-Message-Id, so a subscriber deduplicating on it sees every
        // record exactly once. Only deliveries in flight at the kill are exposed: at most one per consumer.
        assertEveryRecordOnceAtMostRedeliveredInFlight(CONSUMERS);
        assertAudit();
    }

    @Test
    void brokerKilledMidDeliveryDeliversEveryRecordExactlyOnceAfterRestart(TestInfo info) throws Exception {
        startAll("broker-kill");
        long publishMillis = publishAll();
        long killedAt = System.nanoTime();
        int[] atKill = killWhenDeliveryIsUnderway(broker::kill);
        assertThat(hub.isAlive()).as("the hub survives the loss of its broker").isTrue();
        broker.start();
        // no hub restart: the hub must reconnect to the restarted broker by itself
        long recoveryMillis = awaitEveryRecordDelivered(killedAt);
        report(info, publishMillis, atKill, recoveryMillis);
        // the hub commits "DELIVERED" before the broker commit, so a lost broker never causes a second send
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
        inboxes = new RecordingSubscriber(SUBSCRIBER_MICROS);
        broker = ArtemisBroker.create(artemisHome.toAbsolutePath(), dir);
        broker.start();
        Path catalog = CrashCatalog.write(dir.resolve("config"), repoConfig, inboxes);
        hub = new HubProcess(jar, dir.resolve("hub"), catalog, broker.url());
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
    private int[] killWhenDeliveryIsUnderway(Runnable kill) {
        await("first " + KILL_AFTER + " deliveries").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> inboxes.inbox(1).distinctRecords() >= KILL_AFTER);
        kill.run();
        int[] atKill = {inboxes.inbox(1).distinctRecords(), inboxes.inbox(2).distinctRecords()};
        assertThat(Math.max(atKill[0], atKill[1]))
                .as("records at a subscriber when the kill came: must be mid-stream (if delivery outruns publishing"
                        + " on this machine, raise -Dcrash.subscriber.micros)").isLessThanOrEqualTo(RECORDS * 4 / 5);
        return atKill;
    }

    /** Waits until both subscribers hold every record, then for 3 s without any request; returns ms since kill. */
    private long awaitEveryRecordDelivered(long killedAt) {
        await("every record at both subscribers").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> inboxes.inbox(1).distinctRecords() == RECORDS
                        && inboxes.inbox(2).distinctRecords() == RECORDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        AtomicInteger last = new AtomicInteger(-1);
        await("3 s without further deliveries").during(Duration.ofSeconds(3)).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    int now = inboxes.inbox(1).requests.get() + inboxes.inbox(2).requests.get();
                    return last.getAndSet(now) == now;
                });
        return millis;
    }

    private void report(TestInfo info, long publishMillis, int[] atKill, long recoveryMillis) {
        System.out.printf("%s: published %d records in %d ms; at the kill subscribers had %d / %d; "
                        + "all delivered %d ms after the kill; subscriber 1 {%s}; subscriber 2 {%s}%n",
                info.getDisplayName(), RECORDS, publishMillis, atKill[0], atKill[1], recoveryMillis,
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
            assertThat(inbox.messageIdsByRecord.keySet()).as("records at subscriber %d", n).isEqualTo(expected);
            assertThat(inbox.malformed.get()).as("malformed deliveries at subscriber %d", n).isZero();
            assertThat(inbox.recordsWithSeveralMessageIds())
                    .as("records that reached subscriber %d under two X-Hub-Message-Ids", n).isZero();
            assertThat(inbox.duplicateDeliveries()).as("messages sent again to subscriber %d (%s)", n, inbox)
                    .isLessThanOrEqualTo(inFlight);
            assertThat(inbox.byMessageId.values()).as("times one X-Hub-Message-Id reached subscriber %d", n)
                    .allSatisfy(times -> assertThat(times.get()).isLessThanOrEqualTo(2));
        }
    }

    private void assertAudit() {
        HubClient client = new HubClient(hub);
        await("audit rows of every publish and delivery").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> client.audit("PUBLISH").size() >= RECORDS
                        && client.audit("DELIVERY").size() >= RECORDS * CrashCatalog.SUBSCRIBERS.length);
        List<JsonNode> published = client.audit("PUBLISH");
        Set<String> exchangeIds = new HashSet<>();
        published.forEach(r -> exchangeIds.add(r.path("exchangeId").asText()));
        assertThat(published).as("PUBLISH audit rows").hasSize(RECORDS)
                .allSatisfy(r -> assertThat(r.path("status").asInt()).isEqualTo(202));
        assertThat(exchangeIds).as("distinct exchangeIds of PUBLISH rows").hasSize(RECORDS);

        List<JsonNode> deliveries = client.audit("DELIVERY");
        for (String subscriber : CrashCatalog.SUBSCRIBERS) {
            List<JsonNode> rows = deliveries.stream()
                    .filter(r -> subscriber.equals(r.path("subscriber").asText())).toList();
            assertThat(rows).as("DELIVERY audit rows of %s", subscriber).hasSize(RECORDS)
                    .allSatisfy(r -> {
                        assertThat(r.path("status").asInt()).as("status").isBetween(200, 299);
                        assertThat(r.path("code").isMissingNode() || r.path("code").isNull()).as("no code").isTrue();
                    });
            Set<String> delivered = new HashSet<>();
            rows.forEach(r -> delivered.add(r.path("exchangeId").asText()));
            assertThat(delivered).as("exchangeIds of the DELIVERY rows of %s", subscriber).isEqualTo(exchangeIds);
        }
        assertThat(deliveries).as("DELIVERY rows of other subscribers").hasSize(RECORDS * CrashCatalog.SUBSCRIBERS.length);
    }
}
