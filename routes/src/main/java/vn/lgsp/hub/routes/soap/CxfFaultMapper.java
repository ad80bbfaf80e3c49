package vn.lgsp.hub.routes.soap;

import java.util.Locale;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.audit.ExchangeAuditor;

/**
 * Gives the faults CXF raises on its own (schema validation, unknown operation, a body that is not a SOAP
 * envelope) a hub code and a REJECT audit record, like every other refusal. Faults the hub raised
 * ({@link SoapFaults.HubSoapFault}) pass unchanged. No CXF message or stack trace reaches the caller.
 */
final class CxfFaultMapper extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(CxfFaultMapper.class);
    private final ExchangeAuditor auditor;

    CxfFaultMapper(ExchangeAuditor auditor) {
        super(Phase.PRE_STREAM);
        this.auditor = auditor;
    }

    @Override
    public void handleMessage(Message message) {
        Exception caught = message.getContent(Exception.class);
        if (caught == null || caught instanceof SoapFaults.HubSoapFault) {
            return;
        }
        HubError error = classify(caught);
        String detail = switch (error) {
            case VALIDATION_FAILED -> "the request does not match the hub's schema: " + schemaMessage(caught);
            case NOT_FOUND -> "unknown operation; the hub offers CallService and PublishRecord (see ?wsdl)";
            case MALFORMED_BODY -> "the request is not a SOAP 1.1 envelope the hub can read";
            default -> "the hub could not process the request";
        };
        if (error == HubError.INTERNAL_ERROR) {
            LOG.error("Unexpected SOAP failure", caught);
        }
        Exchange exchange = message.getExchange();
        String[] ids = (String[]) exchange.get(SoapXmlGuard.IDS);
        if (ids == null) {
            ids = new String[] {ExchangeIds.nextString(), ExchangeIds.nextString()};
        }
        if (exchange.get(SoapXmlGuard.AUDITED) == null) {
            auditor.rejectWithoutContext(ids[0], ids[1], error, detail, 0);
            exchange.put(SoapXmlGuard.AUDITED, Boolean.TRUE);
        }
        message.setContent(Exception.class, SoapFaults.of(error, detail, ids[0]));
    }

    private static HubError classify(Exception caught) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = caught; t != null; t = t.getCause()) {
            text.append(' ').append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
        }
        String all = text.toString().toLowerCase(Locale.ROOT);
        if (all.contains("cvc-") || all.contains("unmarshalling error") || all.contains("validation")) {
            return HubError.VALIDATION_FAILED;
        }
        if (all.contains("was not recognized") || all.contains("unexpected wrapper element")
                || all.contains("no such operation") || all.contains("operation")) {
            return HubError.NOT_FOUND;
        }
        if (caught instanceof Fault fault && fault.getStatusCode() < 500 || all.contains("xmlstream")
                || all.contains("envelope") || all.contains("soap")) {
            return HubError.MALFORMED_BODY;
        }
        return HubError.INTERNAL_ERROR;
    }

    private static String schemaMessage(Exception caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("cvc-")) {
                String from = m.substring(m.indexOf("cvc-"));
                return from.length() > 300 ? from.substring(0, 300) : from;
            }
        }
        return "invalid content";
    }
}
