package vn.lgsp.hub.connectors.soap;

import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.wsdl.Definition;
import javax.wsdl.WSDLException;
import javax.xml.namespace.QName;
import jakarta.xml.ws.Service;
import org.apache.cxf.BusFactory;
import org.apache.cxf.wsdl.WSDLManager;

/** Finds the WSDL service and port a {@code soap} connector uses when the configuration names none. */
final class WsdlServices {

    private WsdlServices() {
    }

    /** The only service of the WSDL. */
    static Service single(URL wsdl) {
        List<QName> services = serviceNames(wsdl);
        if (services.size() != 1) {
            throw new IllegalArgumentException("the WSDL " + wsdl + " declares " + services.size()
                    + " services " + services + "; name one with 'service'");
        }
        return Service.create(wsdl, services.get(0));
    }

    /** The service of the WSDL with this local name. */
    static QName qualify(URL wsdl, String localName) {
        return serviceNames(wsdl).stream().filter(q -> q.getLocalPart().equals(localName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the WSDL " + wsdl + " has no service '" + localName
                        + "'"));
    }

    /** The port with this local name, or the only port of the service when the name is null. */
    static QName port(Service service, String localName) {
        List<QName> ports = new ArrayList<>();
        for (Iterator<QName> it = service.getPorts(); it.hasNext(); ) {
            ports.add(it.next());
        }
        if (localName == null) {
            if (ports.size() != 1) {
                throw new IllegalArgumentException("service " + service.getServiceName() + " has ports " + ports
                        + "; name one with 'port'");
            }
            return ports.get(0);
        }
        return ports.stream().filter(q -> q.getLocalPart().equals(localName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service " + service.getServiceName()
                        + " has no port '" + localName + "' (it has " + ports + ")"));
    }

    @SuppressWarnings("unchecked")
    private static List<QName> serviceNames(URL wsdl) {
        try {
            Definition definition = BusFactory.getThreadDefaultBus().getExtension(WSDLManager.class)
                    .getDefinition(wsdl.toString());
            return new ArrayList<>(definition.getAllServices().keySet());
        } catch (WSDLException e) {
            throw new IllegalArgumentException("cannot read the WSDL " + wsdl + ": " + e.getMessage(), e);
        }
    }
}
