package vn.lgsp.hub.routes.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.xml.SafeXml;
import vn.lgsp.hub.routes.audit.ExchangeAuditor;

/**
 * First step of every SOAP request, before CXF reads anything: the body is read up to the size limit
 * ({@code 413 PAYLOAD_TOO_LARGE} beyond) and parsed once with {@link SafeXml}, which refuses any DTD, so XXE,
 * external DTDs and entity expansion never reach CXF or a route; unreadable XML is {@code MALFORMED_BODY}.
 * Refusals are audited (REJECT) and answered as hub faults.
 */
final class SoapXmlGuard extends AbstractPhaseInterceptor<Message> {

    /** CXF exchange key of the audit ids of a request refused before the route: String[]{exchangeId, requestId}. */
    static final String IDS = "lgsp.soap.ids";
    /** CXF exchange key set once a refusal has been audited. */
    static final String AUDITED = "lgsp.soap.audited";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final ExchangeAuditor auditor;
    private final long maxBytes;

    SoapXmlGuard(ExchangeAuditor auditor, long maxBytes) {
        super(Phase.RECEIVE);
        this.auditor = auditor;
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        HttpServletRequest http = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        String requestId = http == null ? null : http.getHeader("X-Request-Id");
        String[] ids = {ExchangeIds.nextString(), requestId != null && SAFE_REQUEST_ID.matcher(requestId).matches()
                ? requestId : ExchangeIds.nextString()};
        message.getExchange().put(IDS, ids);
        if (http != null && "GET".equals(http.getMethod())) {
            return; // ?wsdl and ?xsd=
        }
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        byte[] body;
        try {
            if (http != null && http.getContentLengthLong() > maxBytes) {
                throw refuse(message, HubError.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBytes + " bytes",
                        http.getContentLengthLong());
            }
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > maxBytes) {
            throw refuse(message, HubError.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBytes + " bytes",
                    body.length);
        }
        try {
            SafeXml.parse(body);
        } catch (HubException e) {
            throw refuse(message, e.error(), e.detail(), body.length);
        }
        message.setContent(InputStream.class, new ByteArrayInputStream(body));
    }

    private SoapFaults.HubSoapFault refuse(Message message, HubError error, String detail, long bytes) {
        String[] ids = (String[]) message.getExchange().get(IDS);
        auditor.rejectWithoutContext(ids[0], ids[1], error, detail, bytes);
        message.getExchange().put(AUDITED, Boolean.TRUE);
        return SoapFaults.of(error, detail, ids[0]);
    }
}
