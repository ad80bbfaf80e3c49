package vn.lgsp.hub.routes.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A standalone Apache Artemis broker in its own process, made from the distribution unpacked by the build
 * ({@code artemis.home}): {@code artemis create} an instance listening on a free loopback port with login
 * required, {@code artemis run} it, {@code kill -9} it and run it again on the same instance directory (so
 * its journal survives).
 */
final class ArtemisBroker implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "admin";
    /** Small heap: the broker shares a 2-core CI machine with the hub and the test. */
    private static final String JAVA_ARGS = "-Xms64m -Xmx512m -XX:+UseG1GC -Dlog4j2.disableJmx=true "
            + "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED";

    private final Path instance;
    private final Path log;
    private final int port;
    private Process process;
    private int starts;

    private ArtemisBroker(Path instance, Path log, int port) {
        this.instance = instance;
        this.log = log;
        this.port = port;
    }

    /** Creates a fresh broker instance under {@code dir}/broker (not started yet). */
    static ArtemisBroker create(Path artemisHome, Path dir) throws IOException, InterruptedException {
        Path script = artemisHome.resolve("bin/artemis");
        assertThat(script).as("the Artemis distribution unpacked by the build (artemis.home)").isRegularFile();
        makeExecutable(artemisHome.resolve("bin"));
        int port = CrashSupport.freePort();
        Path instance = dir.resolve("broker");
        Path createLog = dir.resolve("broker-create.log");
        Process create = new ProcessBuilder(script.toString(), "create", instance.toString(), "--silent",
                "--user", USER, "--password", PASSWORD, "--require-login", "--no-web", "--no-amqp-acceptor",
                "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor", "--no-autotune", "--nio",
                "--host", "127.0.0.1", "--default-port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(createLog.toFile()).start();
        if (!create.waitFor(120, TimeUnit.SECONDS)) {
            CrashSupport.killTree(create);
            throw new AssertionError("'artemis create' did not finish in 120 s\n" + CrashSupport.tail(createLog, 40));
        }
        assertThat(create.exitValue()).as("'artemis create' exit code\n%s", CrashSupport.tail(createLog, 40))
                .isZero();
        makeExecutable(instance.resolve("bin"));
        return new ArtemisBroker(instance, dir.resolve("broker.log"), port);
    }

    /** The client URL of the broker's single acceptor. */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** Runs the instance and waits until it is active and accepts connections (up to 60 s). */
    void start() throws IOException {
        assertThat(process == null || !process.isAlive()).as("broker already running").isTrue();
        starts++;
        String marker = "==== broker start #" + starts + " ====";
        Files.writeString(log, marker + "\n", java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .directory(instance.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_ARGS", JAVA_ARGS);
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        long begin = System.nanoTime();
        process = builder.start();
        try {
            await("broker start #" + starts + " on port " + port).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the broker exited with code " + process.exitValue());
                        }
                        return activeSince(marker) && CrashSupport.accepts(port);
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("the broker did not become active: " + e.getMessage() + "\n"
                    + CrashSupport.tail(log, 60), e);
        }
        System.out.printf("broker start #%d active after %d ms%n", starts, (System.nanoTime() - begin) / 1_000_000);
    }

    /** {@code kill -9} of the broker JVM ({@code bin/artemis run} execs java, so it is the same process). */
    void kill() {
        CrashSupport.killTree(process);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }

    private boolean activeSince(String marker) throws IOException {
        String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        int from = text.lastIndexOf(marker);
        return from >= 0 && text.indexOf("AMQ221007", from) > 0;
    }

    /** The dependency plugin may drop the mode bits of the distribution's scripts. */
    private static void makeExecutable(Path bin) throws IOException {
        try (Stream<Path> files = Files.list(bin)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                var permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                permissions.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_READ));
                Files.setPosixFilePermissions(file, permissions);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
