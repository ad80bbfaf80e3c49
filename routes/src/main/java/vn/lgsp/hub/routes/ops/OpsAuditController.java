package vn.lgsp.hub.routes.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.audit.AuditStoreException;
import vn.lgsp.hub.core.audit.JdbcAuditStore;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.HubProperties;
import vn.lgsp.hub.routes.http.Problems;

/**
 * Audit search and export for the {@code auditor} and {@code operator} roles.
 *
 * <p>{@code GET /ops/v1/audit}: one page of records, newest first; {@code before} continues from the previous
 * page's {@code next} (keyset pagination, {@code limit} 1..1000, default 100).
 *
 * <p>{@code GET /ops/v1/audit/export?format=ndjson|csv}: every matching record, oldest first, streamed from a
 * database cursor (no row limit, flat memory) as NDJSON ({@code application/x-ndjson}, one JSON object per
 * line, same fields as the search) or CSV ({@code text/csv; charset=utf-8}, RFC 4180: header row, CRLF,
 * fields with {@code "}, {@code ,}, CR or LF quoted, quotes doubled; every field of the record, empty when
 * absent). Both are UTF-8 without a byte-order mark.
 *
 * <p>Filters of both (all optional, exact matches; an empty value does not filter): {@code from} (inclusive)
 * and {@code to} (exclusive), ISO-8601 instants such as {@code 2025-03-14T08:00:00Z} or
 * {@code 2025-03-14T15:00:00+07:00}; {@code exchangeId}, {@code requestId}, {@code kind}, {@code consumer},
 * {@code provider} (also the publisher of a topic), {@code service}, {@code topic}, {@code subscriber},
 * {@code code}. Malformed values answer 400 {@code INVALID_REQUEST}.
 */
@RestController
@RequestMapping("/ops/v1/audit")
public class OpsAuditController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsAuditController.class);
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Async timeout of an export: none, it lasts as long as the rows (a stalled client hits the write timeout). */
    private static final long NO_TIMEOUT = 0L;

    private final AuditStore store;
    private final JdbcAuditStore exportReader;
    private final ObjectMapper json;

    /**
     * @param store      the hub's audit store, for pages
     * @param dataSource the audit database, read with a cursor for exports
     * @param properties the node id (only used to construct the reader, which never writes)
     * @param json       the application's JSON mapper, so that export lines look like search items
     */
    public OpsAuditController(AuditStore store, DataSource dataSource, HubProperties properties, ObjectMapper json) {
        this.store = store;
        this.exportReader = new JdbcAuditStore(dataSource, properties.getNodeId());
        this.json = json;
    }

    /** One page of audit records. */
    public record AuditPage(List<AuditRecord> items, Long next) {
    }

    /**
     * The filters shared by search and export, as received (bound from the query parameters of the same
     * names); {@link #toQuery} checks and converts them.
     */
    public record AuditFilters(String from, String to, String exchangeId, String requestId, String kind,
                               String consumer, String provider, String service, String topic,
                               String subscriber, String code) {

        AuditQuery.Builder toQuery() {
            Instant fromInstant = instant("from", from);
            Instant toInstant = instant("to", to);
            if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
                throw new HubException(HubError.INVALID_REQUEST, "'to' must be after 'from'");
            }
            return AuditQuery.builder().from(fromInstant).to(toInstant).exchangeId(text(exchangeId))
                    .requestId(text(requestId)).kind(kind(kind)).consumer(text(consumer))
                    .provider(text(provider)).service(text(service)).topic(text(topic))
                    .subscriber(text(subscriber)).code(text(code));
        }

        private static String text(String value) {
            return value == null || value.isEmpty() ? null : value;
        }

        private static Instant instant(String name, String value) {
            if (text(value) == null) {
                return null;
            }
            try {
                // An unencoded '+' of an offset arrives as a space.
                return Instant.parse(value.trim().replace(' ', '+'));
            } catch (DateTimeParseException e) {
                throw new HubException(HubError.INVALID_REQUEST, "parameter '" + name
                        + "' must be an ISO-8601 instant such as 2025-03-14T08:00:00Z or 2025-03-14T15:00:00+07:00");
            }
        }

        private static AuditKind kind(String value) {
            if (text(value) == null) {
                return null;
            }
            try {
                return AuditKind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HubException(HubError.INVALID_REQUEST, "kind must be one of " + List.of(AuditKind.values()));
            }
        }
    }

    /** Export formats of {@code /ops/v1/audit/export}. */
    enum ExportFormat {
        NDJSON("ndjson"), CSV("csv");

        final String extension;

        ExportFormat(String extension) {
            this.extension = extension;
        }

        static ExportFormat parse(String value) {
            for (ExportFormat f : values()) {
                if (f.extension.equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
            throw new HubException(HubError.INVALID_REQUEST, "format must be ndjson or csv");
        }
    }

    @GetMapping(produces = "application/json")
    public AuditPage search(AuditFilters filters,
                            @RequestParam(required = false) Long before,
                            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new HubException(HubError.INVALID_REQUEST, "limit must be between 1 and " + AuditQuery.MAX_LIMIT);
        }
        List<AuditRecord> items = store.find(filters.toQuery().beforeId(before).limit(limit).build());
        Long next = items.size() == limit ? items.get(items.size() - 1).id() : null;
        return new AuditPage(items, next);
    }

    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(AuditFilters filters,
                                                        @RequestParam(defaultValue = "ndjson") String format,
                                                        HttpServletRequest request) {
        ExportFormat exportFormat = ExportFormat.parse(format);
        AuditQuery query = filters.toQuery().build();
        AsyncWebRequest async = WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest();
        if (async != null) {
            async.setTimeout(NO_TIMEOUT);
        }
        String filename = "audit-" + (query.from() == null ? "start" : FILE_TIME.format(query.from())) + "-"
                + (query.to() == null ? "end" : FILE_TIME.format(query.to())) + "." + exportFormat.extension;
        StreamingResponseBody body = out -> write(query, exportFormat, out);
        return ResponseEntity.ok()
                .contentType(exportFormat == ExportFormat.CSV ? CSV : NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(body);
    }

    /** Streams the records to {@code out}; a write failure surfaces as its IOException. */
    private void write(AuditQuery query, ExportFormat format, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 32 * 1024);
        try {
            if (format == ExportFormat.CSV) {
                text.write(AuditCsv.HEADER);
                exportReader.stream(query, r -> io(() -> text.write(AuditCsv.row(r))));
            } else {
                exportReader.stream(query, r -> io(() -> {
                    text.write(json.writeValueAsString(r));
                    text.write('\n');
                }));
            }
            text.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The audit database failed. Before the first byte of an export (and for a page) the answer is a 500
     * problem; once an export is under way it is ended by rethrowing, so that the server closes the connection
     * without completing the response: the client sees a broken download, never a complete-looking file.
     */
    @ExceptionHandler(AuditStoreException.class)
    ResponseEntity<byte[]> storeFailure(AuditStoreException e, HttpServletResponse response)
            throws AuditStoreException {
        LOG.error("Cannot read the audit records", e);
        if (response.isCommitted()) {
            throw e;
        }
        return ResponseEntity.status(HubError.INTERNAL_ERROR.status())
                .contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .body(Problems.render(HubError.INTERNAL_ERROR, "the audit records cannot be read", null, null));
    }

    /** The client went away during an export: nothing more to send, nothing to report. */
    @ExceptionHandler(IOException.class)
    void exportInterrupted(IOException e) {
        LOG.debug("Audit export ended by the client: {}", e.toString());
    }

    /** RFC 4180 rows of every audit record field, in the record's order. */
    static final class AuditCsv {

        static final String HEADER = "id,node,seq,time,kind,exchangeId,requestId,consumer,provider,service,topic,"
                + "subscriber,purpose,subjectKeys,status,code,durationMs,requestBytes,responseBytes,requestSha256,"
                + "responseSha256,detail,prevHash,hash\r\n";

        private AuditCsv() {
        }

        static String row(AuditRecord r) {
            StringBuilder line = new StringBuilder(256);
            Object[] fields = {r.id(), r.node(), r.seq(), r.time(), r.kind(), r.exchangeId(), r.requestId(),
                    r.consumer(), r.provider(), r.service(), r.topic(), r.subscriber(), r.purpose(), r.subjectKeys(),
                    r.status(), r.code(), r.durationMs(), r.requestBytes(), r.responseBytes(), r.requestSha256(),
                    r.responseSha256(), r.detail(), r.prevHash(), r.hash()};
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                field(line, fields[i]);
            }
            return line.append("\r\n").toString();
        }

        private static void field(StringBuilder line, Object value) {
            if (value == null) {
                return;
            }
            String s = value.toString();
            if (s.indexOf('"') < 0 && s.indexOf(',') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
                line.append(s);
                return;
            }
            line.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        }
    }
}
