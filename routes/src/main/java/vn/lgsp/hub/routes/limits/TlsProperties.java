package vn.lgsp.hub.routes.limits;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HTTPS on the department listener ({@code hub.tls.*}): the server key and certificate in a PKCS#12
 * keystore, and optionally client certificates checked against a PKCS#12 trust store, each mapped to a
 * catalog client by its {@code certificate:} block (subject or SHA-256 fingerprint).
 */
@ConfigurationProperties(prefix = "hub.tls")
public class TlsProperties {

    /** Whether client certificates are asked for. */
    public enum ClientAuthMode { NONE, WANT, REQUIRE }

    private boolean enabled;
    private Path keystore;
    private String keystorePassword = "";
    private ClientAuthMode clientAuth = ClientAuthMode.NONE;
    /** CA certificates client certificates must chain to (PKCS#12). */
    private Path truststore;
    private String truststorePassword = "";

    /** Stops startup with the property and the reason when the settings cannot work. */
    public void check() {
        if (!enabled) {
            return;
        }
        if (keystore == null || !Files.isReadable(keystore)) {
            throw new IllegalStateException("hub.tls.keystore: PKCS#12 keystore " + keystore
                    + " is missing or unreadable (hub.tls.enabled is true)");
        }
        if (clientAuth != ClientAuthMode.NONE && (truststore == null || !Files.isReadable(truststore))) {
            throw new IllegalStateException("hub.tls.truststore: PKCS#12 trust store " + truststore
                    + " is missing or unreadable (hub.tls.client-auth is " + clientAuth + ")");
        }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Path getKeystore() { return keystore; }
    public void setKeystore(Path keystore) { this.keystore = keystore; }
    public String getKeystorePassword() { return keystorePassword; }
    public void setKeystorePassword(String keystorePassword) { this.keystorePassword = keystorePassword; }
    public ClientAuthMode getClientAuth() { return clientAuth; }
    public void setClientAuth(ClientAuthMode clientAuth) { this.clientAuth = clientAuth; }
    public Path getTruststore() { return truststore; }
    public void setTruststore(Path truststore) { this.truststore = truststore; }
    public String getTruststorePassword() { return truststorePassword; }
    public void setTruststorePassword(String truststorePassword) { this.truststorePassword = truststorePassword; }

    @Override
    public String toString() {
        return "Tls[enabled=" + enabled + ", keystore=" + keystore + ", clientAuth=" + clientAuth + "]";
    }
}
