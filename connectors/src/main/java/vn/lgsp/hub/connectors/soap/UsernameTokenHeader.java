package vn.lgsp.hub.connectors.soap;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.apache.cxf.headers.Header;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lgsp.hub.core.xml.SafeXml;

/**
 * The WS-Security 1.0 {@code wsse:Security} header with a UsernameToken (PasswordText) that the hub sends to a
 * provider that asks for one. Send it over https only: the password is in clear in the message.
 */
final class UsernameTokenHeader {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/"
            + "oasis-200401-wss-username-token-profile-1.0#PasswordText";

    private UsernameTokenHeader() {
    }

    static Header create(String username, String password) {
        Document doc = SafeXml.newDocument();
        Element security = doc.createElementNS(WSSE, "wsse:Security");
        security.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:wsse", WSSE);
        Element token = doc.createElementNS(WSSE, "wsse:UsernameToken");
        Element user = doc.createElementNS(WSSE, "wsse:Username");
        user.setTextContent(username);
        Element pass = doc.createElementNS(WSSE, "wsse:Password");
        pass.setAttribute("Type", PASSWORD_TEXT);
        pass.setTextContent(password);
        token.appendChild(user);
        token.appendChild(pass);
        security.appendChild(token);
        doc.appendChild(security);
        return new Header(new QName(WSSE, "Security"), security);
    }
}
