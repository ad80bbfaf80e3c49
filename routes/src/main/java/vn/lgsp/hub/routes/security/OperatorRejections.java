package vn.lgsp.hub.routes.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.http.Problems;

/**
 * Refusals on the operator port (bad parameters or bodies, wrong credentials, a role that does not allow the
 * action, a missing CSRF token): a problem+json answer carrying an {@code exchangeId}, and a REJECT audit
 * record with the operator's name (when known), the code and the request's method and path.
 * <p>
 * One refusal is not audited: {@code 401 AUTH_REQUIRED}, a request that sent no credentials at all. It is
 * the normal first step of an HTTP Basic exchange (the challenge a browser or script answers with its
 * login), carries no identity to trace, and anyone who can reach the port could use it to flood the
 * node's single audit writer, which the department traffic shares. Wrong credentials ({@code AUTH_INVALID},
 * each one checked with bcrypt) are audited: they are guesses at the most powerful accounts.
 */
@Component
public class OperatorRejections {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRejections.class);
    private final AuditStore store;

    public OperatorRejections(AuditStore store) {
        this.store = store;
    }

    /** A problem+json answer for a controller (audited). */
    public ResponseEntity<byte[]> answer(HttpServletRequest request, HubError error, String detail) {
        String exchangeId = audit(request, error, detail);
        return ResponseEntity.status(error.status()).contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .header("X-Hub-Exchange-Id", exchangeId).body(Problems.render(error, detail, exchangeId, null));
    }

    /** Writes the problem+json answer for a security handler (audited unless AUTH_REQUIRED). */
    public void write(HttpServletRequest request, HttpServletResponse response, HubError error, String detail)
            throws IOException {
        String exchangeId = audit(request, error, detail);
        response.setStatus(error.status());
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (error.status() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"lgsp-hub-ops\"");
        }
        if (exchangeId != null) {
            response.setHeader("X-Hub-Exchange-Id", exchangeId);
        }
        response.getOutputStream().write(Problems.render(error, detail, exchangeId, null));
    }

    /** Writes the REJECT record; returns its exchange id, or null when this refusal is not audited. */
    private String audit(HttpServletRequest request, HubError error, String detail) {
        if (error == HubError.AUTH_REQUIRED) {
            return null;
        }
        String exchangeId = ExchangeIds.nextString();
        Principal operator = request.getUserPrincipal();
        try {
            store.append(AuditRecord.builder(AuditKind.REJECT).exchangeId(exchangeId)
                    .requestId(ExchangeIds.nextString())
                    .consumer(operator == null ? null : operator.getName())
                    .status(error.status()).code(error.name())
                    .detail("operator port " + request.getMethod() + " " + request.getRequestURI() + ": " + detail)
                    .requestBytes(Math.max(0, request.getContentLengthLong())).build());
        } catch (RuntimeException e) {
            LOG.error("Cannot write the audit record of a refused operator request {}", exchangeId, e);
            throw e;
        }
        return exchangeId;
    }
}
