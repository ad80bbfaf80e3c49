package vn.lgsp.hub.routes.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.audit.verify.AuditVerifier;
import vn.lgsp.hub.core.audit.verify.VerifyReport;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * {@code GET /ops/v1/audit/verify} (auditor or operator): verifies every node's audit chain and checkpoint
 * signatures in the database, optionally with the archive files in {@code hub.audit.archive-dir}
 * ({@code archives=true}); {@code from}/{@code to} (ISO-8601) restrict it by time. Always 200 with the
 * report; {@code ok=false} and {@code firstBreak} name the first broken record.
 */
@RestController
@RequestMapping("/ops/v1/audit")
public class OpsAuditVerifyController {

    private final AuditVerifier verifier;
    private final HubProperties properties;

    public OpsAuditVerifyController(AuditVerifier verifier, HubProperties properties) {
        this.verifier = verifier;
        this.properties = properties;
    }

    @GetMapping(path = "/verify", produces = "application/json")
    public VerifyReport verify(@RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(defaultValue = "false") boolean archives) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new HubException(HubError.INVALID_REQUEST, "to must not be before from");
        }
        return verifier.verify(start, end, archives ? archiveFiles(properties.getAudit().getArchiveDir()) : List.of());
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new HubException(HubError.INVALID_REQUEST, name + " must be an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z");
        }
    }

    /** The archive files of a folder, by name (none when it does not exist). */
    static List<Path> archiveFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ndjson.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the audit archive folder " + dir, e);
        }
    }
}
