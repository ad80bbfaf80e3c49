package vn.lgsp.hub.routes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root {@code docker-compose.yml} is a valid Compose file with the credentials of {@code .env.example}
 * ({@code docker-compose config}, Debian's docker-compose package installed by {@code .ci/install-tools}; skipped
 * where it is missing: no Docker engine is needed), refuses to start without a secret, and every file it mounts
 * exists. The {@code Dockerfile} is multi-stage, runs as a non-root user and checks readiness.
 */
class DockerComposeConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("hub.repo.dir", "..")).toAbsolutePath().normalize();

    private record Result(int exit, String output) {
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Result compose(Path envFile, String... args) throws IOException, InterruptedException {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/install-tools installs it)");
        List<String> command = new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString(), "-f",
                ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void composeFileIsValidWithTheExampleCredentials() throws Exception {
        Result check = compose(ROOT.resolve(".env.example"), "config", "-q");
        assertThat(check.exit()).as("docker-compose config -q: %s", check.output()).isZero();

        Result services = compose(ROOT.resolve(".env.example"), "config", "--services");
        assertThat(services.output().lines().map(String::trim).filter(s -> !s.isEmpty()).sorted().toList())
                .containsExactly("artemis-backup", "artemis-primary", "grafana", "hub-1", "hub-2", "nginx", "postgres",
                        "prometheus");

        Result resolved = compose(ROOT.resolve(".env.example"), "config");
        assertThat(resolved.output())
                .contains("HUB_NODE_ID: hub-1").contains("HUB_NODE_ID: hub-2")
                .contains("(tcp://artemis-primary:61616,tcp://artemis-backup:61616)?ha=true&reconnectAttempts=-1")
                .contains("jdbc:postgresql://postgres:5432/lgsp");
    }

    @Test
    void aMissingSecretStopsCompose(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("incomplete.env");
        List<String> lines = Files.readAllLines(ROOT.resolve(".env.example"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("POSTGRES_PASSWORD=")).toList();
        Files.write(env, lines, StandardCharsets.UTF_8);
        Result check = compose(env, "config", "-q");
        assertThat(check.exit()).as("docker-compose config without POSTGRES_PASSWORD").isNotZero();
        assertThat(check.output()).contains("set POSTGRES_PASSWORD in .env");
    }

    @Test
    void everyMountedFileExists() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        Matcher mount = Pattern.compile("- \\./([^:]+):").matcher(compose);
        List<String> sources = new ArrayList<>();
        while (mount.find()) {
            sources.add(mount.group(1));
        }
        assertThat(sources).contains("config", "deploy/compose/nginx.conf", "deploy/compose/prometheus.yml",
                "deploy/artemis/broker-primary.xml", "deploy/artemis/broker-backup.xml");
        assertThat(sources).contains("deploy/grafana/lgsp-hub-dashboard.json");
        for (String source : sources) {
            assertThat(ROOT.resolve(source)).as("mounted by docker-compose.yml").exists();
        }
    }

    @Test
    void dockerfileBuildsInStagesAndRunsAsNonRootWithAReadinessCheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).contains("AS build").contains("COPY --from=build")
                .containsPattern("(?m)^USER 10001:10001$")
                .containsPattern("(?m)^HEALTHCHECK .*")
                .contains("/actuator/health/readiness")
                .contains("-XX:MaxRAMPercentage=");
        assertThat(dockerfile.indexOf("USER 10001")).as("USER before ENTRYPOINT")
                .isLessThan(dockerfile.indexOf("ENTRYPOINT"));
    }

    @Test
    void dockerfileBuildStageHasEveryModuleOfTheReactor() throws IOException {
        // Maven reads every <module> of the root pom even with -pl: a module missing from the build context
        // fails the image build ("Child module ... does not exist")
        String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        String defaultModules = pom.substring(pom.indexOf("<modules>"), pom.indexOf("</modules>"));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        String buildStage = dockerfile.substring(0, dockerfile.lastIndexOf("\nFROM "));
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8);
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(defaultModules);
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).contains("hub-core", "routes");
        Matcher copy = Pattern.compile("(?m)^COPY (\\S+) \\1$").matcher(buildStage);
        List<String> copied = new ArrayList<>();
        while (copy.find()) {
            copied.add(copy.group(1));
        }
        for (String name : modules) {
            // the module's folder, a folder above it, or only its pom
            String source = copied.stream().filter(c -> name.equals(c) || name.startsWith(c + "/")
                    || c.equals(name + "/pom.xml")).findFirst().orElse(null);
            assertThat(source).as("the build stage copies module %s (or its pom): %s", name, copied).isNotNull();
            String topFolder = name.split("/")[0] + "/";
            if (ignored.contains(topFolder)) {
                assertThat(ignored).as(".dockerignore lets %s in", source).contains("!" + source);
            }
        }
        assertThat(buildStage).contains("-pl routes -am");
    }
}
