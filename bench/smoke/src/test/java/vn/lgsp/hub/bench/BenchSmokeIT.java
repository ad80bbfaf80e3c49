package vn.lgsp.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CI smoke of the benchmark: {@code bench/run.sh} at tiny duration on the backend (a), the nginx proxy (b) and
 * the hub's full sync path (d) must finish and write its result table with a non-zero, error-free row for
 * each, the hub started by {@code bin/lgsp-hub} with its class data sharing archive. The figures themselves
 * mean nothing here (one 2 s run on a busy machine).
 */
class BenchSmokeIT {

    private static final Pattern ROW = Pattern.compile(
            "^\\| \\((.)\\) [^|]+\\| 32 \\| 1 KiB \\| ([\\d,]+) ± [\\d,]+ \\(1 runs\\) \\|.*\\| (\\d+) \\|$",
            Pattern.MULTILINE);

    @Test
    void benchRunsTheSystemsAndWritesItsTable() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("bench.root", "../..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("bench.work", "target/bench-work")).toAbsolutePath();
        Path results = Path.of(System.getProperty("bench.results", "target/bench-results")).toAbsolutePath();
        Path log = Files.createDirectories(results).resolve("run.log");

        ProcessBuilder bench = new ProcessBuilder("bash", root.resolve("bench/run.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        bench.environment().putAll(Map.of("SYSTEMS", "a b d", "WARMUP", "1", "DURATION", "2", "RUNS", "1",
                "POINTS", "32:1024:full", "JMH", "0", "READY_TIMEOUT", "420", "WORK", work.toString(), "RESULTS", results.toString()));
        bench.environment().put("STARTUP_JAR", "0");   // no extra plain java -jar start (CI time)
        bench.environment().put("HUB_CACHE", work.resolve("startup-cache").toString());   // run.sh empties WORK: prepared anew
        Process process = bench.start();
        boolean finished = process.waitFor(12, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("bench/run.sh finished in 12 minutes\n%s", output).isTrue();
        assertThat(process.exitValue()).as("bench/run.sh exit code\n%s", output).isZero();

        String table = Files.readString(results.resolve("latest.md"), StandardCharsets.UTF_8);
        Matcher rows = ROW.matcher(table);
        List<String> systems = new ArrayList<>();
        while (rows.find()) {
            systems.add(rows.group(1));
            assertThat(Long.parseLong(rows.group(2).replace(",", ""))).as("req/s of (%s)\n%s", rows.group(1), table)
                    .isPositive();
            assertThat(rows.group(3)).as("errors of (%s)\n%s", rows.group(1), table).isEqualTo("0");
        }
        assertThat(systems).as("rows of the sync table\n%s", table).containsExactly("a", "b", "d");
        assertThat(table).contains("startup <= 6 s to ready").contains("## Machine");
        // the hub runs with the launcher's recommended JVM options (docs/operator-guide.md "Memory")
        assertThat(table).as("the hub's JVM options in the machine section\n%s", table)
                .containsPattern("the hub \\(bin/lgsp-hub\\) with -Xmx512m -XX:\\+ExitOnOutOfMemoryError"
                        + " -XX:TrimNativeHeapInterval=5000( --sun-misc-unsafe-memory-access=allow)?;"); // Java 24+
        assertThat(output).as("bin/lgsp-hub prepared its start archive and used it\n%s", output)
                .contains("preparing the fast start").doesNotContain("starting without the start archive");
        assertThat(results.resolve("latest.svg")).isNotEmptyFile();
    }
}
