package vn.lgsp.hub.connectors.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.model.SoapOperationInfo;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.service.model.MessagePartInfo;

/**
 * What the hub needs to know of one document/literal WSDL operation: its name, the element of its request
 * and of its response, and its SOAPAction.
 *
 * @param name            qualified operation name
 * @param requestElement  the single part element of the input message
 * @param responseElement the single part element of the output message
 * @param soapAction      the binding's soapAction, possibly empty
 */
record SoapOperation(QName name, QName requestElement, QName responseElement, String soapAction) {

    /** Finds the operation in an endpoint read from a WSDL; fails naming what the WSDL offers. */
    static SoapOperation find(EndpointInfo endpoint, String localName) {
        List<String> known = new ArrayList<>();
        for (BindingOperationInfo bop : endpoint.getBinding().getOperations()) {
            known.add(bop.getName().getLocalPart());
            if (!bop.getName().getLocalPart().equals(localName)) {
                continue;
            }
            QName in = singleElement(bop.getOperationInfo().getInput().getMessageParts(), localName, "input");
            QName out = bop.getOperationInfo().getOutput() == null ? null
                    : singleElement(bop.getOperationInfo().getOutput().getMessageParts(), localName, "output");
            if (out == null) {
                throw new IllegalArgumentException("operation '" + localName + "' has no output message (one-way "
                        + "operations are not supported for synchronous calls)");
            }
            SoapOperationInfo soap = bop.getExtensor(SoapOperationInfo.class);
            return new SoapOperation(bop.getName(), in, out, soap == null || soap.getAction() == null ? ""
                    : soap.getAction());
        }
        throw new IllegalArgumentException("the WSDL has no operation '" + localName + "' (it has: "
                + String.join(", ", known) + ")");
    }

    private static QName singleElement(List<MessagePartInfo> parts, String operation, String direction) {
        if (parts.size() != 1 || !parts.get(0).isElement()) {
            throw new IllegalArgumentException("operation '" + operation + "': the " + direction
                    + " message must have exactly one element part (document/literal)");
        }
        return parts.get(0).getElementQName();
    }
}
