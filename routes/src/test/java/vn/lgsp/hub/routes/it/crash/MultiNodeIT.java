package vn.lgsp.hub.routes.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Two hub nodes sharing one PostgreSQL (zonky embedded binaries) and one standalone Artemis 2.40.0, each in its own
 * process from the built jar. Sync calls and published records are spread over both nodes (a token from one node
 * is accepted by the other: shared signing key); both nodes consume every subscription's queue (competing
 * consumers). One node is killed with SIGKILL while deliveries are in flight and more records are published
 * through the survivor: every record must reach both subscribers under one X-Hub-Message-Id each, the audit must
 * be complete, and both nodes' hash chains must verify. Last, a third process started with the survivor's node id
 * must refuse to start.
 */
class MultiNodeIT {

    /** Records published before the kill (through both nodes) and after it (through the survivor). */
    private static final int RECORDS_BEFORE = 1_000;
    private static final int RECORDS_AFTER = 500;
    private static final int RECORDS = RECORDS_BEFORE + RECORDS_AFTER;
    private static final int CALLS_BEFORE = 100;
    private static final int CALLS_AFTER = 100;
    private static final int BATCH = 50;
    /**
     * Subscriber processing time per request: slows delivery enough for the kill to land mid-stream. Delivery
     * in batches keeps pace with publishing at 5 ms (all but 3 of 1,000 records were in when the kill came).
     */
    private static final long SUBSCRIBER_MICROS = Long.getLong("multinode.subscriber.micros", 30_000);
    /** Consumers per subscription and node ({@link CrashCatalog}). */
    private static final int CONSUMERS = 4;
    /**
     * Most records of one consumer's batch ({@code hub.async.delivery-batch-max-records}, default): a batch's
     * outcomes commit together, so at most this many deliveries per consumer die with a node unrecorded.
     */
    private static final int DELIVERY_BATCH = 100;
    private static final String PROVIDER = "000.00.40.H99";
    private static final String SERVICE = "registry-lookup";
    /** The provider's REST endpoint is this inbox of the recording server. */
    private static final int PROVIDER_INBOX = 9;

    private RecordingSubscriber inboxes;
    private ArtemisBroker broker;
    private EmbeddedPostgres postgres;
    private final List<HubProcess> hubs = new ArrayList<>();
    private Path dir;

    @RegisterExtension
    final TestWatcher logsOnFailure = new ProcessLogsOnFailure(() -> dir, () -> hubs, () -> broker);

    @AfterEach
    void stopEverything() throws Exception {
        try {
            hubs.forEach(HubProcess::close);
            if (broker != null) {
                broker.close();
            }
            if (inboxes != null) {
                inboxes.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void twoNodesShareTheWorkAndOneKilledMidStreamLosesNothing() throws Exception {
        Path base = Path.of(System.getProperty("hub.it.crash.dir", "target/crash-it")).toAbsolutePath();
        dir = Files.createDirectories(base.resolve("multi-node-" + System.currentTimeMillis()));
        Path artemisHome = Path.of(System.getProperty("artemis.home", "target/artemis/apache-artemis-2.40.0"));
        Path repoConfig = Path.of(System.getProperty("hub.config.dir", "../config")).toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("hub.jar", "target/lgsp-hub.jar")).toAbsolutePath();
        assertThat(jar).as("the repackaged hub jar (hub.jar, built by 'mvn package')").isRegularFile();

        postgres = EmbeddedPostgres.builder().start();
        inboxes = new RecordingSubscriber(SUBSCRIBER_MICROS);
        broker = ArtemisBroker.create(artemisHome.toAbsolutePath(), dir);
        broker.start();
        Path catalog = CrashCatalog.write(dir.resolve("config"), repoConfig, inboxes);
        for (int n = 1; n <= CrashCatalog.SUBSCRIBERS.length; n++) {
            // a delivery slowed by a busy CI machine must not time out and be sent again: only the kill may repeat one
            Path subscriber = catalog.resolve("catalog/subscriber-" + n + ".yaml");
            Files.writeString(subscriber, Files.readString(subscriber, StandardCharsets.UTF_8)
                    .replace("timeout: 5s", "timeout: 60s"), StandardCharsets.UTF_8);
        }
        Files.writeString(catalog.resolve("catalog/provider.yaml"), """
                agency: { code: "%s", name: "Sở Nội vụ" }
                services:
                  - code: %s
                    connector: { type: rest, url: "%s", method: POST, timeout: 60s }
                    allow: ["%s"]
                """.formatted(PROVIDER, SERVICE, inboxes.url(PROVIDER_INBOX), CrashCatalog.PUBLISHER),
                StandardCharsets.UTF_8);
        Path ownJar = Files.copy(jar, dir.resolve("lgsp-hub.jar"));
        String tokenKey = randomKey();
        String subjectKey = randomKey();
        HubProcess a = hub(ownJar, catalog, "hub-a", tokenKey, subjectKey);
        HubProcess b = hub(ownJar, catalog, "hub-b", tokenKey, subjectKey);
        startTogether(a, b);

        HubClient viaA = new HubClient(a);
        HubClient viaB = new HubClient(b);
        String token = viaA.token(); // issued by node a, used on both nodes: one signing key for all
        runSpread(List.of(viaA, viaB), token, 0, RECORDS_BEFORE, 0, CALLS_BEFORE);

        int killAfter = RECORDS_BEFORE / 6;
        await("first " + killAfter + " deliveries").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> inboxes.inbox(1).distinctRecords() >= killAfter);
        a.kill();
        int atKill = Math.max(inboxes.inbox(1).distinctRecords(), inboxes.inbox(2).distinctRecords());
        assertThat(atKill).as("records at a subscriber when node a was killed: must be mid-stream (raise"
                + " -Dmultinode.subscriber.micros if delivery outruns this)").isLessThan(RECORDS_BEFORE * 9 / 10);

        runSpread(List.of(viaB), viaB.token(), RECORDS_BEFORE, RECORDS, CALLS_BEFORE, CALLS_BEFORE + CALLS_AFTER);
        awaitEveryRecordDelivered();
        System.out.printf("multi-node: %d records, %d calls; %d records at subscriber 1 when node a was killed; "
                        + "subscriber 1 {%s}; subscriber 2 {%s}; provider {%s}%n", RECORDS, CALLS_BEFORE + CALLS_AFTER,
                atKill, inboxes.inbox(1), inboxes.inbox(2), inboxes.inbox(PROVIDER_INBOX));

        assertEveryRecordUnderOneMessageId();
        assertEveryCallOnce();
        await("complete audit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertAudit(viaB));
        assertBothChainsVerify(viaB.verify());
        assertASecondProcessWithALiveNodeIdRefusesToStart(ownJar, catalog, tokenKey, subjectKey);
    }

    private HubProcess hub(Path jar, Path catalog, String node, String tokenKey, String subjectKey) {
        HubProcess hub = new HubProcess(jar, dir.resolve(node + (hubs.size() + 1)), catalog, broker.url(), List.of(
                "--hub.node-id=" + node, "--hub.node-lease=6s", "--spring.artemis.embedded.enabled=false",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--hub.token.signing-key=" + tokenKey, "--hub.privacy.subject-key=" + subjectKey));
        hubs.add(hub);
        return hub;
    }

    /** Starts both nodes at the same time (both run the Flyway migrations against the one database). */
    private static void startTogether(HubProcess a, HubProcess b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> {
                a.start();
                return null;
            });
            Future<?> second = pool.submit(() -> {
                b.start();
                return null;
            });
            long seconds = Long.getLong("crash.hub.start-seconds", 120) + 60; // HubProcess.start fails first
            first.get(seconds, TimeUnit.SECONDS);
            second.get(seconds, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Publishes records [from, to) in batches and makes calls [callFrom, callTo), round-robin over the nodes. */
    private static void runSpread(List<HubClient> nodes, String token, int from, int to, int callFrom, int callTo)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            int n = 0;
            for (int first = from; first < to; first += BATCH) {
                HubClient node = nodes.get(n++ % nodes.size());
                int start = first;
                work.add(pool.submit(() -> node.publishBatch(token, start, Math.min(start + BATCH, to))));
            }
            for (int i = callFrom; i < callTo; i++) {
                HubClient node = nodes.get(i % nodes.size());
                int call = i;
                work.add(pool.submit(() -> node.call(token, PROVIDER, SERVICE, call)));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitEveryRecordDelivered() {
        await("every record at both subscribers").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> inboxes.inbox(1).distinctRecords() == RECORDS
                        && inboxes.inbox(2).distinctRecords() == RECORDS);
        AtomicInteger last = new AtomicInteger(-1);
        await("3 s without further deliveries").during(Duration.ofSeconds(3)).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    int now = inboxes.inbox(1).requests.get() + inboxes.inbox(2).requests.get();
                    return last.getAndSet(now) == now;
                });
    }

    /**
     * Every record reached every subscriber, under exactly one X-Hub-Message-Id: a subscriber de-duplicating on
     * it sees each record once. Sends of the same message again are only possible for deliveries that were in
     * flight on the killed node (the subscriber had answered, the node died before recording it).
     */
    private void assertEveryRecordUnderOneMessageId() {
        Set<String> expected = IntStream.range(0, RECORDS).mapToObj(HubClient::recordId).collect(Collectors.toSet());
        for (int n = 1; n <= CrashCatalog.SUBSCRIBERS.length; n++) {
            RecordingSubscriber.Inbox inbox = inboxes.inbox(n);
            assertThat(inbox.messageIdsByRecord.keySet()).as("records at subscriber %d", n).isEqualTo(expected);
            assertThat(inbox.byMessageId).as("distinct X-Hub-Message-Ids at subscriber %d", n).hasSize(RECORDS);
            assertThat(inbox.recordsWithSeveralMessageIds()).as("records under two message ids at %d", n).isZero();
            assertThat(inbox.malformed.get()).as("malformed deliveries at subscriber %d", n).isZero();
            assertThat(inbox.duplicateDeliveries()).as("messages sent again to subscriber %d (%s)", n, inbox)
                    .isLessThanOrEqualTo(CONSUMERS * DELIVERY_BATCH);
        }
    }

    private void assertEveryCallOnce() {
        RecordingSubscriber.Inbox provider = inboxes.inbox(PROVIDER_INBOX);
        Set<String> expected = IntStream.range(0, CALLS_BEFORE + CALLS_AFTER).mapToObj(HubClient::callId)
                .collect(Collectors.toSet());
        assertThat(provider.messageIdsByRecord.keySet()).as("calls that reached the provider").isEqualTo(expected);
        assertThat(provider.requests.get()).as("requests at the provider").isEqualTo(expected.size());
    }

    /** Audit rows of both nodes, read through the survivor: nothing missing, nothing twice, both nodes at work. */
    private static void assertAudit(HubClient client) {
        List<JsonNode> published = client.audit("PUBLISH");
        Set<String> exchangeIds = new HashSet<>();
        published.forEach(r -> exchangeIds.add(r.path("exchangeId").asText()));
        assertThat(published).as("PUBLISH audit rows").hasSize(RECORDS);
        assertThat(exchangeIds).as("distinct published exchanges").hasSize(RECORDS);
        assertThat(byNode(published)).as("PUBLISH rows by node").containsOnlyKeys("hub-a", "hub-b");

        List<JsonNode> deliveries = client.audit("DELIVERY");
        for (String subscriber : CrashCatalog.SUBSCRIBERS) {
            List<JsonNode> rows = deliveries.stream().filter(r -> subscriber.equals(r.path("subscriber").asText()))
                    .toList();
            assertThat(rows).as("DELIVERY rows of %s", subscriber).hasSize(RECORDS);
            assertThat(rows.stream().map(r -> r.path("exchangeId").asText()).collect(Collectors.toSet()))
                    .as("delivered exchanges of %s", subscriber).isEqualTo(exchangeIds);
            assertThat(rows).as("failed DELIVERY rows of %s", subscriber)
                    .allMatch(r -> r.path("status").asInt() / 100 == 2);
        }
        assertThat(byNode(deliveries)).as("DELIVERY rows by node: both nodes consumed (competing consumers)")
                .containsOnlyKeys("hub-a", "hub-b");

        List<JsonNode> calls = client.audit("CALL");
        assertThat(calls).as("CALL audit rows").hasSize(CALLS_BEFORE + CALLS_AFTER);
        assertThat(calls).as("CALL rows answered 200").allMatch(r -> r.path("status").asInt() == 200);
        assertThat(byNode(calls)).as("CALL rows by node").containsOnlyKeys("hub-a", "hub-b");
    }

    private static Map<String, Long> byNode(List<JsonNode> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r.path("node").asText(), TreeMap::new,
                Collectors.counting()));
    }

    private static void assertBothChainsVerify(JsonNode report) {
        System.out.println("multi-node audit verify: " + report.path("nodes"));
        assertThat(report.path("ok").asBoolean()).as("verify: %s", report).isTrue();
        Map<String, JsonNode> nodes = new TreeMap<>();
        report.path("nodes").forEach(n -> nodes.put(n.path("node").asText(), n));
        assertThat(nodes).as("chains verified").containsOnlyKeys("hub-a", "hub-b");
        nodes.values().forEach(n -> {
            assertThat(n.path("ok").asBoolean()).as("chain %s", n).isTrue();
            assertThat(n.path("records").asLong()).as("records of chain %s", n).isPositive();
        });
    }

    private void assertASecondProcessWithALiveNodeIdRefusesToStart(Path jar, Path catalog, String tokenKey,
                                                                   String subjectKey) throws Exception {
        HubProcess twin = hub(jar, catalog, "hub-b", tokenKey, subjectKey);
        // it stops after startup up to the node registry plus one heartbeat of hub-b: a start's worth of time
        int exit = twin.runToExit(Duration.ofSeconds(Long.getLong("crash.hub.start-seconds", 120)));
        String log = Files.readString(twin.log(), StandardCharsets.UTF_8);
        assertThat(exit).as("exit code of a second process with node id hub-b").isNotZero();
        assertThat(log).as("its log").contains("hub.node-id 'hub-b' is already used by a live hub process")
                .contains("HUB_NODE_ID");
        assertThat(hubs.get(1).healthStatus()).as("the live hub-b is not disturbed").isEqualTo(200);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
