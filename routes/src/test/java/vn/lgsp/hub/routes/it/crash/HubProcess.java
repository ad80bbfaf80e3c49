package vn.lgsp.hub.routes.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The hub's runnable jar in its own process ({@code java -jar lgsp-hub.jar}) against an external broker (or,
 * with a {@code null} broker URL, its embedded one under {@code data/artemis}), with its H2 database under its
 * own working directory, so a restart after {@code kill -9} finds the same database and token signing key.
 * Each start logs to its own file ({@code hub-1.log}, {@code hub-2.log}, ...).
 */
final class HubProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path workDir;
    private final Path catalogDir;
    private final String brokerUrl;
    private final List<String> extraArgs;
    private final int httpPort = CrashSupport.freePort();
    private final int opsPort = CrashSupport.freePort();
    private final int soapPort = CrashSupport.freePort();
    private Process process;
    private int starts;

    HubProcess(Path jar, Path workDir, Path catalogDir, String brokerUrl) {
        this(jar, workDir, catalogDir, brokerUrl, List.of());
    }

    /** A hub with extra command-line arguments, e.g. its node id and a shared database. */
    HubProcess(Path jar, Path workDir, Path catalogDir, String brokerUrl, List<String> extraArgs) {
        this.jar = jar;
        this.workDir = workDir;
        this.catalogDir = catalogDir;
        this.brokerUrl = brokerUrl;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Base URI of the department port. */
    URI hub() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Base URI of the SOAP port. */
    URI soap() {
        return URI.create("http://127.0.0.1:" + soapPort);
    }

    /** Base URI of the operator port. */
    URI ops() {
        return URI.create("http://127.0.0.1:" + opsPort);
    }

    /** Log of the current (latest) start. */
    Path log() {
        return workDir.resolve("hub-" + starts + ".log");
    }

    /** Starts the jar and waits until {@code /actuator/health} answers 200 (up to 120 s, -Dcrash.hub.start-seconds). */
    void start() throws IOException {
        long begin = System.nanoTime();
        launch();
        try {
            await("hub start #" + starts).atMost(Duration.ofSeconds(Long.getLong("crash.hub.start-seconds", 120)))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the hub exited with code " + process.exitValue());
                        }
                        return healthStatus() == 200;
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("the hub did not become healthy: " + e.getMessage() + "\n"
                    + CrashSupport.tail(log(), 80), e);
        }
        System.out.printf("hub start #%d healthy after %d ms%n", starts, (System.nanoTime() - begin) / 1_000_000);
    }

    /** Starts the jar and waits for it to stop by itself (a start that must fail); returns its exit code. */
    int runToExit(Duration timeout) throws IOException, InterruptedException {
        launch();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the hub was expected to stop by itself within " + timeout + "\n"
                    + CrashSupport.tail(log(), 80));
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        assertThat(process == null || !process.isAlive()).as("hub already running").isTrue();
        assertThat(jar).as("the repackaged hub jar (hub.jar)").isRegularFile();
        starts++;
        Files.createDirectories(workDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-jar", jar.toString(),
                "--hub.http.port=" + httpPort, "--server.port=" + opsPort, "--hub.soap.port=" + soapPort,
                "--hub.catalog.dir=" + catalogDir));
        if (brokerUrl != null) {
            command.addAll(List.of("--spring.artemis.mode=native", "--spring.artemis.broker-url=" + brokerUrl,
                    "--spring.artemis.user=" + ArtemisBroker.USER, "--spring.artemis.password=" + ArtemisBroker.PASSWORD));
        }
        // e.g. -Dcrash.hub.args="--spring.datasource.url=jdbc:postgresql://..." to crash-test another setup
        String extra = System.getProperty("crash.hub.args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log().toFile()).start();
    }

    /** Status of {@code GET /actuator/health}, or -1 when the port does not answer. */
    int healthStatus() {
        return status("/actuator/health");
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(ops().resolve(path)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code kill -9} of the hub JVM (a direct child: {@code java -jar}). */
    void kill() {
        CrashSupport.killTree(process);
    }

    /**
     * SIGTERM (what a service manager or Kubernetes sends) and waits up to 90 s for the graceful shutdown to
     * finish; returns the status of {@code /actuator/health/readiness} seen every 100 ms meanwhile (-1: no answer).
     */
    List<Integer> terminate() {
        List<Integer> readiness = new ArrayList<>();
        process.destroy();
        await("hub graceful shutdown").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    readiness.add(status("/actuator/health/readiness"));
                    return !process.isAlive();
                });
        return readiness;
    }

    /** Exit code of the last run (the process must have ended). */
    int exitCode() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Tails of every start's log, oldest first. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            out.append(CrashSupport.tail(workDir.resolve("hub-" + i + ".log"), lines)).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        kill();
    }
}
