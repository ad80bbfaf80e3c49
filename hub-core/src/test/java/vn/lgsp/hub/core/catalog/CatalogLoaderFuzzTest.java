package vn.lgsp.hub.core.catalog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fuzzes the catalog loader with arbitrary participant files next to a valid catalog: it either loads or
 * reports problems ({@link CatalogException}); any other exception, a hang or a crash is a finding. In a normal
 * build only the stored inputs run (regression); {@code -Pfuzz} fuzzes (see the parent pom).
 */
@Tag("fuzz")
class CatalogLoaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void participantFileNeverCrashesTheLoader(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory("lgsp-fuzz-catalog");
        try {
            ConfigDir config = ConfigDir.valid(dir).write(ConfigDir.BROKEN, data.consumeRemainingAsString());
            try {
                config.load();
            } catch (CatalogException reported) {
                if (reported.problems().isEmpty()) {
                    throw new AssertionError("a failed load must name at least one problem", reported);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
