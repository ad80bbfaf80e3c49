package vn.lgsp.hub.routes.limits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.stereotype.Component;

/**
 * Checks a client certificate chain against {@code hub.tls.truststore} before it may authenticate a client.
 * With {@code client-auth: want} the TLS layer can let a connection through whose certificate it could not
 * verify; the hub then must not trust that certificate's subject, so it validates the chain itself.
 */
@Component
public class ClientCertificateTrust {

    private final X509TrustManager trust;

    public ClientCertificateTrust(TlsProperties tls) {
        this.trust = tls.isEnabled() && tls.getClientAuth() != TlsProperties.ClientAuthMode.NONE ? load(tls) : null;
    }

    /** True when the chain is valid and ends at a CA of the trust store (false when no trust store is set). */
    public boolean trusted(X509Certificate[] chain) {
        if (trust == null || chain == null || chain.length == 0) {
            return false;
        }
        try {
            trust.checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
            return true;
        } catch (CertificateException | IllegalArgumentException e) {
            return false;
        }
    }

    private static X509TrustManager load(TlsProperties tls) {
        try (InputStream in = Files.newInputStream(tls.getTruststore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, tls.getTruststorePassword().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("hub.tls.truststore: no X.509 trust manager for " + tls.getTruststore());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("hub.tls.truststore: cannot read " + tls.getTruststore() + ": "
                    + e.getMessage(), e);
        }
    }
}
