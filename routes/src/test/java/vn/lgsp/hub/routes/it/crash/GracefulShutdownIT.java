package vn.lgsp.hub.routes.it.crash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Graceful shutdown of the hub jar (embedded broker and H2, as installed by default): SIGTERM while 20 sync
 * calls (REST on the department port, SOAP on the SOAP port) wait for a provider that answers after 2 s and
 * while a slow subscriber is being delivered a few hundred records. Every call in flight gets the provider's
 * answer and its CALL audit record; a call made after the SIGTERM is refused at once ({@code 503
 * SHUTTING_DOWN} problem+json on the department port, connection refused on the SOAP port); readiness fails from the start; and after a restart
 * every record reaches each subscriber exactly once (no duplicate X-Hub-Message-Id, unlike after {@code
 * kill -9}), with no dead letter.
 */
class GracefulShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PROVIDER = "000.00.40.H99";
    static final String SERVICE = "staff-lookup";
    static final String ANSWER = "{\"ketQua\":\"Đã tìm thấy\",\"hoTen\":\"Trần Thị Bích Ngọc\"}";
    private static final int REST_CALLS = 16;
    private static final int SOAP_CALLS = 4;
    private static final int RECORDS = 400;
    /** Each delivery takes 50 ms at the subscriber: with 4 consumers, 400 records need at least 5 s. */
    private static final long SUBSCRIBER_MICROS = 50_000;

    private final AtomicInteger providerArrivals = new AtomicInteger();
    private WireMockServer provider;
    private RecordingSubscriber inboxes;
    private HubProcess hub;
    private Path dir;

    @RegisterExtension
    final TestWatcher logsOnFailure = new ProcessLogsOnFailure(() -> dir, () -> hub == null ? List.of() : List.of(hub),
            () -> null);

    @AfterEach
    void stopEverything() {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            if (provider != null) {
                provider.stop();
            }
            if (inboxes != null) {
                inboxes.close();
            }
        }
    }

    @Test
    void sigtermCompletesWorkInFlightRefusesNewCallsAndLosesOrRepeatsNothing() throws Exception {
        start();
        ShutdownCalls calls = new ShutdownCalls(hub, new HubClient(hub).token());
        for (int from = 0; from < RECORDS; from += 100) {
            new HubClient(hub).publishBatch(calls.token(), from, from + 100);
        }
        await("deliveries underway").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> inboxes.inbox(1).distinctRecords() >= 10);

        ExecutorService pool = Executors.newFixedThreadPool(REST_CALLS + SOAP_CALLS + 1);
        try {
            List<Future<ShutdownCalls.Answer>> inFlight = new ArrayList<>();
            IntStream.range(0, REST_CALLS).forEach(i -> inFlight.add(pool.submit(() -> calls.rest(i))));
            IntStream.range(0, SOAP_CALLS).forEach(i -> inFlight.add(pool.submit(() -> calls.soap(REST_CALLS + i))));
            await("every call waiting at the provider").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10)).until(() -> providerArrivals.get() == REST_CALLS + SOAP_CALLS);

            long sigterm = System.nanoTime();
            Future<List<Integer>> readiness = pool.submit(hub::terminate);
            ShutdownCalls.Answer refused = calls.awaitRefusal();
            long refusedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            assertRefusedCleanly(refused);
            ShutdownCalls.Answer lateCall = calls.rest(999);
            assertThat(lateCall.status()).as("a call made after the SIGTERM: %s", lateCall).isIn(503, -1);
            if (lateCall.status() == 503) {
                assertRefusedCleanly(lateCall);
            }
            // the SOAP port closes its listener at once too, while the calls in flight on it still run
            await("SOAP port refusing new connections").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(() -> calls.soapWsdl().status() == -1);
            assertThat(hub.isAlive()).as("the hub still draining when the SOAP port refused").isTrue();
            assertThat(calls.soapWsdl().body()).as("late SOAP request").contains("ConnectException");

            List<ShutdownCalls.Answer> answers = new ArrayList<>();
            for (Future<ShutdownCalls.Answer> call : inFlight) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }
            List<Integer> probes = readiness.get(90, TimeUnit.SECONDS);
            long stoppedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            int[] deliveredAtStop = {inboxes.inbox(1).distinctRecords(), inboxes.inbox(2).distinctRecords()};
            System.out.printf("SIGTERM: refused new calls after %d ms, exited after %d ms (code %d); readiness %s;"
                            + " delivered at the stop %d / %d of %d%n", refusedAfterMillis, stoppedAfterMillis,
                    hub.exitCode(), probes, deliveredAtStop[0], deliveredAtStop[1], RECORDS);

            for (ShutdownCalls.Answer answer : answers) {
                assertThat(answer.status()).as("call in flight at the SIGTERM: %s", answer).isEqualTo(200);
                assertThat(answer.body()).as("provider's answer of %s", answer).contains("Trần Thị Bích Ngọc");
            }
            assertReadinessNeverBackOnce(probes);
            assertThat(Math.min(deliveredAtStop[0], deliveredAtStop[1]))
                    .as("records at a subscriber when the hub stopped: delivery must have been cut (slow the"
                            + " subscriber if this machine delivers faster)").isLessThan(RECORDS);

            hub.start();
            inboxes.awaitEveryRecordThenQuiet(RECORDS, Duration.ofMinutes(2), Duration.ofSeconds(2));
            assertEveryRecordExactlyOnce();
            assertAudit(answers, refused);
            assertThat(calls.deadLetters()).as("dead letters after the restart").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private void start() throws Exception {
        Path base = Path.of(System.getProperty("hub.it.crash.dir", "target/crash-it")).toAbsolutePath();
        dir = Files.createDirectories(base.resolve("graceful-" + System.currentTimeMillis()));
        Path repoConfig = Path.of(System.getProperty("hub.config.dir", "../config")).toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("hub.jar", "target/lgsp-hub.jar")).toAbsolutePath();
        assertThat(jar).as("the repackaged hub jar (hub.jar, built by 'mvn package')").isRegularFile();
        provider = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(64).extensions(new ArrivalCounter(providerArrivals)));
        provider.start();
        provider.stubFor(post(urlEqualTo("/staff/lookup")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(ANSWER)
                .withFixedDelay(2_000)));
        inboxes = new RecordingSubscriber(SUBSCRIBER_MICROS);
        Path catalog = CrashCatalog.write(dir.resolve("config"), repoConfig, inboxes);
        Files.writeString(catalog.resolve("catalog/so-noi-vu.yaml"), """
                agency: { code: "%s", name: "Sở Nội vụ" }
                services:
                  - code: %s
                    version: 1
                    connector: { type: rest, url: "%s/staff/lookup", method: POST, timeout: 20s }
                    resilience: { timeout: 20s, max-concurrent: 64 }
                    allow: ["%s"]
                """.formatted(PROVIDER, SERVICE, provider.baseUrl(), CrashCatalog.PUBLISHER));
        Path ownJar = Files.copy(jar, dir.resolve("lgsp-hub.jar"));
        hub = new HubProcess(ownJar, dir.resolve("hub"), catalog, null);
        hub.start();
    }

    private static void assertRefusedCleanly(ShutdownCalls.Answer refused) throws Exception {
        assertThat(refused.status()).as("refusal: %s", refused).isEqualTo(503);
        assertThat(refused.contentType()).as("refusal: %s", refused).startsWith("application/problem+json");
        assertThat(refused.body()).doesNotContain("Exception", "\tat ");
        assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("SHUTTING_DOWN");
        assertThat(refused.millis()).as("a refusal is immediate").isLessThan(5_000);
    }

    /** Once readiness stopped answering 200 (503, then no answer when the port closes) it never came back. */
    private static void assertReadinessNeverBackOnce(List<Integer> probes) {
        int firstDown = IntStream.range(0, probes.size()).filter(i -> probes.get(i) != 200).findFirst().orElse(-1);
        assertThat(firstDown).as("readiness during the shutdown: %s", probes).isNotNegative();
        assertThat(probes.subList(firstDown, probes.size())).as("readiness after it failed: %s", probes)
                .doesNotContain(200);
    }

    /** Unlike a kill -9, a SIGTERM lets every delivery in flight finish and commit: no message is sent twice. */
    private void assertEveryRecordExactlyOnce() {
        Set<String> expected = new HashSet<>();
        IntStream.range(0, RECORDS).forEach(i -> expected.add(HubClient.recordId(i)));
        for (int n = 1; n <= CrashCatalog.SUBSCRIBERS.length; n++) {
            RecordingSubscriber.Inbox inbox = inboxes.inbox(n);
            assertThat(inbox.messageIdsByRecord.keySet()).as("records at subscriber %d", n).isEqualTo(expected);
            assertThat(inbox.duplicateDeliveries()).as("messages sent twice to subscriber %d (%s)", n, inbox).isZero();
            assertThat(inbox.recordsWithSeveralMessageIds()).as("records under two message ids at %d", n).isZero();
            assertThat(inbox.malformed.get()).isZero();
        }
    }

    private void assertAudit(List<ShutdownCalls.Answer> answers, ShutdownCalls.Answer refused) {
        HubClient client = new HubClient(hub);
        Set<String> callIds = new HashSet<>();
        client.audit("CALL").stream().filter(r -> r.path("status").asInt() == 200)
                .forEach(r -> callIds.add(r.path("exchangeId").asText()));
        for (ShutdownCalls.Answer answer : answers) {
            assertThat(callIds).as("CALL audit record of %s", answer).contains(answer.exchangeId());
        }
        List<JsonNode> rejects = client.audit("REJECT");
        assertThat(rejects).as("REJECT record of the refusal %s", refused)
                .anySatisfy(r -> {
                    assertThat(r.path("exchangeId").asText()).isEqualTo(refused.exchangeId());
                    assertThat(r.path("code").asText()).isEqualTo("SHUTTING_DOWN");
                });
        await("a DELIVERY record per record and subscriber").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<JsonNode> deliveries = client.audit("DELIVERY");
                    assertThat(deliveries).hasSize(RECORDS * CrashCatalog.SUBSCRIBERS.length);
                    assertThat(deliveries).allSatisfy(r -> assertThat(r.path("status").asInt() / 100).isEqualTo(2));
                });
    }

    /** Counts requests as they arrive at the provider (before its 2 s delay). */
    private record ArrivalCounter(AtomicInteger arrivals) implements ServeEventListener {
        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            arrivals.incrementAndGet();
        }

        @Override
        public String getName() {
            return "arrival-counter";
        }
    }
}
