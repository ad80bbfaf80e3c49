package vn.lgsp.hub.routes.soap;

import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Takes the WS-Security 1.0 {@code wsse:Security} header out of a request (so {@code mustUnderstand="1"} is
 * honoured and the secret never travels further) and keeps its UsernameToken for the route, which checks
 * it against the catalog's client secrets. Only PasswordText can be checked: the hub stores bcrypt hashes.
 */
final class UsernameTokenInterceptor extends AbstractSoapInterceptor {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final QName SECURITY = new QName(WSSE, "Security");
    static final String PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/"
            + "oasis-200401-wss-username-token-profile-1.0#PasswordText";

    /** The token found in a request; {@code passwordType} is null when the attribute is absent (= text). */
    record UsernameToken(String username, String password, String passwordType) {
        boolean plainText() {
            return passwordType == null || passwordType.isEmpty() || PASSWORD_TEXT.equals(passwordType);
        }
    }

    UsernameTokenInterceptor() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Header header = message.getHeader(SECURITY);
        if (header == null) {
            return;
        }
        message.getHeaders().remove(header);
        if (!(header.getObject() instanceof Element security)) {
            return;
        }
        Element token = child(security, "UsernameToken");
        Element user = token == null ? null : child(token, "Username");
        Element password = token == null ? null : child(token, "Password");
        message.getExchange().put(UsernameToken.class, new UsernameToken(
                user == null ? null : user.getTextContent().trim(),
                password == null ? null : password.getTextContent(),
                password == null || !password.hasAttribute("Type") ? null : password.getAttribute("Type")));
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WSSE.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
