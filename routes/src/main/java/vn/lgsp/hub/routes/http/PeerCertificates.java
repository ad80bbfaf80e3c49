package vn.lgsp.hub.routes.http;

import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Reads the client certificate chain of a TLS connection (verified by the hub before use). */
public final class PeerCertificates {

    private PeerCertificates() {
    }

    /** The chain the client presented (its own certificate first), or null. */
    public static X509Certificate[] chain(HttpServerRequest request) {
        if (request == null || !request.isSSL()) {
            return null;
        }
        SSLSession session = request.sslSession();
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            X509Certificate[] x509 = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                if (!(chain[i] instanceof X509Certificate certificate)) {
                    return null;
                }
                x509[i] = certificate;
            }
            return x509.length == 0 ? null : x509;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
