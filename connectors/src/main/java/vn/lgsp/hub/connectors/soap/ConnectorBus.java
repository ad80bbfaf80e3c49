package vn.lgsp.hub.connectors.soap;

import org.apache.cxf.Bus;
import org.apache.cxf.bus.CXFBusFactory;

/**
 * The CXF bus of the {@code soap} connectors: one per hub, separate from the bus of the inbound SOAP
 * endpoint, so client settings never leak into the server side.
 */
final class ConnectorBus {

    private static volatile Bus bus;

    private ConnectorBus() {
    }

    static Bus get() {
        Bus current = bus;
        if (current == null) {
            synchronized (ConnectorBus.class) {
                if (bus == null) {
                    bus = new CXFBusFactory().createBus();
                }
                current = bus;
            }
        }
        return current;
    }
}
