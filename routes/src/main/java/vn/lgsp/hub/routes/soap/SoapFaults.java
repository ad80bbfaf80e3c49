package vn.lgsp.hub.routes.soap;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lgsp.hub.core.exchange.HubError;

/**
 * SOAP 1.1 faults of the hub: {@code faultcode} Client for 4xx codes and Server for 5xx, {@code faultstring}
 * the detail text, and a {@code hub:HubFault} detail with the same stable {@code code} as the REST
 * problem+json (plus status, title, detail and exchange id).
 */
public final class SoapFaults {

    /** Namespace of the hub's SOAP interface. */
    public static final String NS = "urn:lgsp-hub:soap:v1";

    private SoapFaults() {
    }

    /** A fault the hub raised itself; its detail already carries the code. */
    public static final class HubSoapFault extends SoapFault {
        private final transient HubError error;

        HubSoapFault(String message, QName faultCode, HubError error) {
            super(message, faultCode);
            this.error = error;
        }

        public HubError error() {
            return error;
        }
    }

    /** The fault for a hub error. */
    public static HubSoapFault of(HubError error, String detail, String exchangeId) {
        QName code = error.status() >= 500 ? Soap11.getInstance().getReceiver() : Soap11.getInstance().getSender();
        String text = detail == null || detail.isBlank() ? error.title() : detail;
        HubSoapFault fault = new HubSoapFault(text, code, error);
        Element holder = fault.getOrCreateDetail();
        Document doc = holder.getOwnerDocument();
        Element hub = doc.createElementNS(NS, "hub:HubFault");
        append(hub, "code", error.name());
        append(hub, "status", Integer.toString(error.status()));
        append(hub, "title", error.title());
        append(hub, "detail", text);
        if (exchangeId != null) {
            append(hub, "exchangeId", exchangeId);
        }
        holder.appendChild(hub);
        return fault;
    }

    private static void append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(NS, "hub:" + name);
        child.setTextContent(text);
        parent.appendChild(child);
    }
}
