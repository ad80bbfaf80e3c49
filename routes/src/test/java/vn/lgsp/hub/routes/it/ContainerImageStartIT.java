package vn.lgsp.hub.routes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.routes.support.HubTestSupport;

/**
 * The container image's start, without a Docker engine (none runs on CI): the final stage of the root
 * {@code Dockerfile} is replayed on this machine. Its {@code ENV} values ({@code JAVA_OPTS}, {@code LGSP_HUB_JAR},
 * {@code LGSP_HUB_CACHE}) and paths under {@code /app} are read from the file and mapped into a temporary folder;
 * {@code bin/lgsp-hub prepare} runs as the image build's {@code RUN} does, then the {@code ENTRYPOINT} starts the
 * hub as the image's user would: as uid/gid 10001 when this test runs as root (so the cache root prepared is
 * read-only to it, as in the image), else with the cache made read-only. The hub must get ready, load its classes
 * from the prepared archive (class-load log), and leave the cache untouched. The JVM is the one of the image's Java
 * release ({@code FROM eclipse-temurin:<release>-jre}) where this machine has it under {@code /usr/lib/jvm} (an AOT
 * cache from Java 25 on), else the JVM running the test (a dynamic CDS archive on Java 17).
 */
class ContainerImageStartIT {

    private static final Path ROOT = Path.of(System.getProperty("hub.repo.dir", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String IMAGE_USER = "10001";

    @TempDir
    Path tmp;
    private Process hub;

    @AfterEach
    void stopTheHub() throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theImagePreparesTheFastStartAtBuildTimeAndItsUserStartsFromIt() throws Exception {
        String finalStage = finalStage(Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8));
        Map<String, String> env = envOf(finalStage);
        assertThat(finalStage).contains("COPY --chmod=0755 bin/lgsp-hub /app/bin/lgsp-hub")
                .containsPattern("(?m)^ENTRYPOINT \\[\"/app/bin/lgsp-hub\"\\]$");
        int prepareAt = finalStage.indexOf("RUN /app/bin/lgsp-hub prepare");
        assertThat(prepareAt).as("the image build prepares the fast start").isPositive()
                .isLessThan(finalStage.indexOf("USER " + IMAGE_USER)).isGreaterThan(finalStage.indexOf("ENV JAVA_OPTS="));
        assertThat(env).containsKeys("JAVA_OPTS", "LGSP_HUB_JAR", "LGSP_HUB_CACHE");
        assertThat(env.get("LGSP_HUB_CACHE")).as("the cache belongs to the image, not to the data volume")
                .doesNotStartWith("/app/data");

        // the image's /app, here
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = inApp(app, env.get("LGSP_HUB_JAR"));
        Path cache = inApp(app, env.get("LGSP_HUB_CACHE"));
        Path launcher = app.resolve("bin/lgsp-hub");
        Files.createDirectories(jar.getParent());
        Files.copy(Path.of(System.getProperty("hub.jar", "target/lgsp-hub.jar")).toAbsolutePath(), jar);
        Files.createDirectories(launcher.getParent());
        Files.copy(ROOT.resolve("bin/lgsp-hub"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        DemoJarIT.copyTree(ROOT.resolve("config"), app.resolve("config"));
        Path data = Files.createDirectories(app.resolve("data"));

        Map<String, String> imageEnv = new LinkedHashMap<>();
        imageEnv.put("PATH", System.getenv("PATH"));
        assertThat(finalStage).as("the runtime stage is a Temurin JRE")
                .containsPattern("(?m)^FROM eclipse-temurin:\\d+-jre");
        Path javaHome = imageJavaHome();
        boolean aotCache = featureRelease(javaHome) >= 25;
        imageEnv.put("JAVA", javaHome.resolve("bin/java").toString());
        imageEnv.put("JAVA_OPTS", env.get("JAVA_OPTS"));
        imageEnv.put("LGSP_HUB_JAR", jar.toString());
        imageEnv.put("LGSP_HUB_CACHE", cache.toString());
        imageEnv.put("HUB_CATALOG_DIR", app.resolve("config").toString());
        imageEnv.put("TMPDIR", Files.createDirectories(tmp.resolve("build-tmp")).toString());

        // RUN /app/bin/lgsp-hub prepare (the image build, as root)
        Path prepareLog = tmp.resolve("prepare.log");
        Process prepare = start(List.of(launcher.toString(), "prepare"), imageEnv, app, prepareLog);
        assertThat(prepare.waitFor(240, TimeUnit.SECONDS)).as("prepare finished").isTrue();
        assertThat(prepare.exitValue()).as("prepare: %s%s", Files.readString(prepareLog),
                trainingLogTail(Path.of(imageEnv.get("TMPDIR")))).isZero();
        List<String> cached = listing(cache);
        assertThat(cached).as("extracted jar and archive (%s)", javaHome)
                .anyMatch(p -> p.contains(aotCache ? "/lgsp-hub.aot " : "/lgsp-hub.jsa "))
                .anyMatch(p -> p.contains("/app/lgsp-hub.jar "));

        // ENTRYPOINT as USER 10001 (or, not being root, with the cache read-only)
        boolean asImageUser = isRoot() && onPath("setpriv");
        List<String> command = new ArrayList<>();
        if (asImageUser) {
            command.addAll(List.of("setpriv", "--reuid=" + IMAGE_USER, "--regid=" + IMAGE_USER, "--clear-groups"));
            chownTree(data, IMAGE_USER);
        } else {
            readOnlyTree(cache);
        }
        int opsPort = HubTestSupport.freePort();
        command.addAll(List.of(launcher.toString(), "--hub.http.port=" + HubTestSupport.freePort(),
                "--server.port=" + opsPort, "--hub.soap.port=" + HubTestSupport.freePort()));
        Path classLoads = data.resolve("class-load.log");
        imageEnv.put("JAVA_OPTS", env.get("JAVA_OPTS") + " -Xlog:class+load=info:file=" + classLoads);
        Path hubLog = tmp.resolve("hub.log");
        hub = start(command, imageEnv, app, hubLog);
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!hub.isAlive()) {
                            throw new IllegalStateException("the hub exited with code " + hub.exitValue() + ":\n"
                                    + Files.readString(hubLog));
                        }
                        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort
                                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the hub was not ready within 180 s:\n" + Files.readString(hubLog), e);
        }
        assertThat(Files.readString(hubLog)).doesNotContain("starting without the start archive");
        long fromArchive;
        try (Stream<String> lines = Files.lines(classLoads)) {
            // an AOT cache is the JVM's one (static) archive; a dynamic CDS archive sits on top of the JDK's
            String source = aotCache ? "source: shared objects file" : "source: shared objects file (top)";
            fromArchive = lines.filter(l -> l.endsWith(source)).count();
        }
        assertThat(fromArchive).as("classes loaded from the prepared %s", aotCache ? "AOT cache" : "CDS archive")
                .isGreaterThan(5_000);
        assertThat(listing(cache)).as("the start wrote nothing into the image's cache").isEqualTo(cached);

        hub.destroy();
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM reaches the JVM (the launcher execs it)").isTrue();
        assertThat(hub.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
    }

    /** The text after the last {@code FROM}: the runtime stage. */
    static String finalStage(String dockerfile) {
        int from = dockerfile.lastIndexOf("\nFROM ");
        assertThat(from).as("a multi-stage Dockerfile").isPositive();
        return dockerfile.substring(from + 1);
    }

    /**
     * The JDK of the image's Java release on this machine ({@code deploy/image-java-home.sh}, as the bench picks it),
     * else the JVM running this test.
     */
    static Path imageJavaHome() throws IOException, InterruptedException {
        Process lookup = new ProcessBuilder(ROOT.resolve("deploy/image-java-home.sh").toString(),
                ROOT.resolve("Dockerfile").toString()).redirectErrorStream(true).start();
        String home = new String(lookup.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(lookup.waitFor()).as("deploy/image-java-home.sh: %s", home).isZero();
        return home.isEmpty() ? Path.of(System.getProperty("java.home")) : Path.of(home);
    }

    /** The feature release ({@code 17}, {@code 25}) a JDK's {@code release} file names; 0 when it has none. */
    static int featureRelease(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        try {
            Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
                    .matcher(Files.readString(release, StandardCharsets.UTF_8));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + release, e);
        }
    }

    /** The {@code ENV} key=value pairs of a stage, continuation lines joined. */
    static Map<String, String> envOf(String stage) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher instruction = Pattern.compile("(?m)^ENV ((?:.*\\\\\\n)*.*)$").matcher(stage);
        while (instruction.find()) {
            Matcher pair = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|(\\S+))")
                    .matcher(instruction.group(1).replace("\\\n", " "));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2) != null ? pair.group(2) : pair.group(3));
            }
        }
        return env;
    }

    /** The end of a failed training start's log (the launcher keeps it), without the CDS dump's warnings. */
    private static String trainingLogTail(Path tmpDir) throws IOException {
        try (Stream<Path> files = Files.walk(tmpDir)) {
            List<Path> logs = files.filter(p -> p.endsWith("training.log")).toList();
            StringBuilder tail = new StringBuilder();
            for (Path log : logs) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.contains("[cds]")).toList();
                tail.append("\n").append(log).append(":\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
            }
            return tail.toString();
        }
    }

    private static Path inApp(Path app, String imagePath) {
        assertThat(imagePath).startsWith("/app/");
        return app.resolve(imagePath.substring("/app/".length()));
    }

    private static Process start(List<String> command, Map<String, String> env, Path dir, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : " " + size(p)))
                    .map(s -> "/" + s).sorted().toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return id.waitFor() == 0 && uid.equals("0");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void chownTree(Path dir, String uid) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", uid + ":" + uid, dir.toString()).inheritIO().start();
        assertThat(chown.waitFor()).as("chown of the data folder").isZero();
    }

    private static void readOnlyTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }
}
