package vn.lgsp.hub.routes.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lgsp.hub.core.privacy.PayloadVault;

/**
 * Stores exchanged bodies in the encrypted {@link PayloadVault} when {@code hub.privacy.store-payloads} is on;
 * does nothing otherwise (the default). A failure to store a copy is logged (exchange id only) and does not fail
 * the exchange: its audit record, with the bodies' SHA-256, is the trace; the copy is an optional extra.
 */
public class PayloadRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadRecorder.class);
    private final PayloadVault vault;

    /** @param vault the vault, or null when payloads are not stored */
    public PayloadRecorder(PayloadVault vault) {
        this.vault = vault;
    }

    public boolean enabled() {
        return vault != null;
    }

    /** Stores one body of an exchange when storage is on. */
    public void record(String exchangeId, String kind, PayloadVault.Direction direction, byte[] body) {
        if (vault == null || body == null || body.length == 0) {
            return;
        }
        try {
            vault.store(exchangeId, kind, direction, body);
        } catch (RuntimeException e) {
            LOG.error("Cannot store the encrypted {} payload of exchange {}; the exchange goes on without it",
                    direction, exchangeId, e);
        }
    }
}
