package vn.lgsp.hub.connectors.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.time.Duration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lgsp.hub.core.connector.ConsumerDocument;
import vn.lgsp.hub.core.xml.SafeXml;

/**
 * The provider's WSDL as the hub shows it to consumers: the same contract (operations, messages, types), with
 * every endpoint address replaced by the hub's address of the service, so the provider's host never leaks.
 * Parsed with {@link SafeXml} (no DTD, no external entity), read fresh on each request.
 */
final class ConsumerWsdl {

    static final String MEDIA_TYPE = "application/wsdl+xml; charset=UTF-8";
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private ConsumerWsdl() {
    }

    /**
     * The WSDL at {@code wsdl} with each {@code <...:address location="...">} (SOAP 1.1, SOAP 1.2 and HTTP
     * bindings) pointing at {@code hubAddress}.
     *
     * @throws UncheckedIOException when the WSDL cannot be read
     */
    static ConsumerDocument of(URL wsdl, String hubAddress) {
        Document document = SafeXml.parse(read(wsdl));
        NodeList all = document.getElementsByTagNameNS("*", "address");
        for (int i = 0; i < all.getLength(); i++) {
            Element address = (Element) all.item(i);
            if (address.hasAttribute("location")) {
                address.setAttribute("location", hubAddress);
            }
        }
        return new ConsumerDocument(MEDIA_TYPE, SafeXml.write(document));
    }

    private static byte[] read(URL wsdl) {
        try {
            URLConnection connection = wsdl.openConnection();
            connection.setConnectTimeout((int) READ_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            try (InputStream in = connection.getInputStream()) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException("larger than " + MAX_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the WSDL " + wsdl + ": " + e.getMessage(), e);
        }
    }
}
