package vn.lgsp.hub.routes.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import vn.lgsp.hub.core.audit.AuditStoreException;
import vn.lgsp.hub.core.audit.verify.AuditVerifier;
import vn.lgsp.hub.core.audit.verify.VerifyReport;

/**
 * {@code audit verify [--from ISO] [--to ISO] [--archive FILE|DIR]... [--trust-key KEYID]... [--db-url URL
 * [--db-user U] [--db-password P]]}: verifies the audit chains without starting the hub. Without {@code --archive} it reads
 * the embedded H2 database {@code ./data/db/lgsp-hub} unless {@code --db-url} names another; with
 * {@code --archive} and no {@code --db-url} it verifies the archive files alone (offline). With
 * {@code --trust-key} (the hex SHA-256 fingerprints the nodes published), signatures by any other key, even one
 * whose certificate an archive or the database carries, are reported. Exit code 0: intact,
 * 1: broken, 2: usage or I/O error.
 */
final class AuditVerifyCommand {

    static final String EMBEDDED_DB = "jdbc:h2:file:./data/db/lgsp-hub;IFEXISTS=TRUE";
    static final String USAGE = "usage: java -jar lgsp-hub.jar audit verify [--from ISO-INSTANT] [--to ISO-INSTANT]\n"
            + "         [--archive FILE|DIR]... [--trust-key KEY-ID]...\n"
            + "         [--db-url JDBC-URL [--db-user USER] [--db-password PASSWORD]]\n"
            + "  default database: the embedded H2 file ./data/db/lgsp-hub (stop the hub first);\n"
            + "  --archive without --db-url verifies archive files alone; exit 0 intact, 1 broken, 2 error";

    private AuditVerifyCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !args[1].equals("verify")) {
            err.println(USAGE);
            return 2;
        }
        Instant from = null;
        Instant to = null;
        List<Path> archives = new ArrayList<>();
        Set<String> trusted = new HashSet<>();
        String url = null;
        String user = "sa";
        String password = "";
        try {
            for (int i = 2; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--from" -> from = Instant.parse(value);
                    case "--to" -> to = Instant.parse(value);
                    case "--archive" -> archives.addAll(archiveFiles(Path.of(value)));
                    case "--trust-key" -> trusted.add(value.toLowerCase(Locale.ROOT));
                    case "--db-url" -> url = value;
                    case "--db-user" -> user = value;
                    case "--db-password" -> password = value;
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException | IOException e) {
            err.println("audit verify: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (url == null && archives.isEmpty()) {
            url = EMBEDDED_DB;
        }
        try {
            DataSource db = url == null ? null : dataSource(url, user, password);
            VerifyReport report = new AuditVerifier(db, List.of(), trusted, Clock.systemUTC()).verify(from, to, archives);
            out.print(report.toText());
            return report.ok() ? 0 : 1;
        } catch (AuditStoreException | IllegalStateException | IllegalArgumentException e) {
            err.println("audit verify: cannot read the database " + url + ": " + e.getMessage());
            return 2;
        }
    }

    /** A plain (unpooled, silent) data source: the CLI runs without Spring. */
    private static DataSource dataSource(String url, String user, String password) {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(user);
            pg.setPassword(password);
            return pg;
        }
        throw new IllegalArgumentException("--db-url must be a jdbc:h2: or jdbc:postgresql: URL");
    }

    private static List<Path> archiveFiles(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".ndjson.gz")).sorted().toList();
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("no archive file or folder " + path);
        }
        return List.of(path);
    }
}
