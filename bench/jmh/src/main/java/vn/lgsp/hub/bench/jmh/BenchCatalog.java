package vn.lgsp.hub.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.CatalogLoader;
import vn.lgsp.hub.core.connector.ConnectorRegistry;

/**
 * A province-sized catalog written to a temporary folder and loaded with the hub's own {@link CatalogLoader}:
 * {@value #PARTICIPANTS} participants with {@value #SERVICES_EACH} services each, allow-lists mixing groups
 * and single codes, and a request schema like the one the sync benchmark (d) validates.
 */
final class BenchCatalog {

    static final int PARTICIPANTS = 40;
    static final int SERVICES_EACH = 5;

    private BenchCatalog() {
    }

    static String code(int i) {
        return String.format("000.00.%02d.H99", i + 1);
    }

    static Catalog load() {
        try {
            Path dir = Files.createTempDirectory("lgsp-jmh-catalog");
            Files.createDirectories(dir.resolve("catalog"));
            Files.createDirectories(dir.resolve("schemas"));
            Files.writeString(dir.resolve("schemas/bench.json"), """
                    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                     "required":["SoDinhDanh","MaYeuCau"],
                     "properties":{"SoDinhDanh":{"type":"string","pattern":"^[0-9]{12}$"},
                                   "MaYeuCau":{"type":"string"}}}
                    """, StandardCharsets.UTF_8);
            StringBuilder groups = new StringBuilder("groups:\n  departments:\n");
            for (int i = 0; i < PARTICIPANTS / 2; i++) {
                groups.append("    - \"").append(code(i)).append("\"\n");
            }
            groups.append("  districts:\n");
            for (int i = PARTICIPANTS / 2; i < PARTICIPANTS; i++) {
                groups.append("    - \"").append(code(i)).append("\"\n");
            }
            Files.writeString(dir.resolve("groups.yaml"), groups, StandardCharsets.UTF_8);
            for (int p = 0; p < PARTICIPANTS; p++) {
                StringBuilder yaml = new StringBuilder()
                        .append("agency: { code: \"").append(code(p)).append("\", name: \"Sở ").append(p).append("\" }\n")
                        .append("services:\n");
                for (int s = 0; s < SERVICES_EACH; s++) {
                    yaml.append("  - code: service-").append(s).append('\n')
                            .append("    connector: { type: rest, url: \"http://127.0.0.1:9/x\", method: POST }\n")
                            .append("    request-schema: schemas/bench.json\n")
                            .append("    allow: [\"group:districts\", \"").append(code((p + s) % PARTICIPANTS))
                            .append("\", \"").append(code((p + 7) % PARTICIPANTS)).append("\"]\n");
                }
                Files.writeString(dir.resolve("catalog/p" + p + ".yaml"), yaml, StandardCharsets.UTF_8);
            }
            return new CatalogLoader(ConnectorRegistry.load(BenchCatalog.class.getClassLoader())).load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
