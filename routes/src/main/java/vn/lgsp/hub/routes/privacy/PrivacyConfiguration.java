package vn.lgsp.hub.routes.privacy;

import java.util.Base64;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.core.audit.AuditSubjects;
import vn.lgsp.hub.core.privacy.PayloadVault;
import vn.lgsp.hub.core.privacy.SubjectKeys;
import vn.lgsp.hub.routes.config.HubProperties;
import vn.lgsp.hub.routes.config.KeyFiles;

/**
 * Wires the personal-data core: the subject-key secret ({@code hub.privacy.subject-key}, else a secret generated
 * once into {@code hub.privacy.subject-key-file}), the audit subject index, and — only when
 * {@code hub.privacy.store-payloads} is true — the encrypted payload vault, whose key
 * ({@code hub.privacy.payload-key}) must then be set: startup fails naming the property otherwise.
 */
@Configuration
public class PrivacyConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyConfiguration.class);

    @Bean
    SubjectKeys subjectKeys(HubProperties properties) {
        return new SubjectKeys(subjectSecret(properties.getPrivacy()));
    }

    @Bean
    AuditSubjects auditSubjects(DataSource dataSource) {
        return new AuditSubjects(dataSource);
    }

    @Bean
    PayloadRecorder payloadRecorder(HubProperties properties, DataSource dataSource) {
        HubProperties.Privacy privacy = properties.getPrivacy();
        if (!privacy.isStorePayloads()) {
            return new PayloadRecorder(null);
        }
        byte[] key = decode(privacy.getPayloadKey(), "hub.privacy.payload-key",
                "is required when hub.privacy.store-payloads=true: a Base64 AES-256 key (32 bytes)");
        if (key.length != PayloadVault.KEY_BYTES) {
            throw new IllegalStateException("hub.privacy.payload-key must be a Base64 AES-256 key (32 bytes), got "
                    + key.length + " bytes");
        }
        LOG.info("Payload storage is on: request and response bodies are stored AES-256-GCM encrypted");
        return new PayloadRecorder(new PayloadVault(dataSource, key));
    }

    private static byte[] subjectSecret(HubProperties.Privacy privacy) {
        if (!privacy.getSubjectKey().isBlank()) {
            byte[] secret = decode(privacy.getSubjectKey(), "hub.privacy.subject-key", "must be Base64");
            if (secret.length < SubjectKeys.MIN_SECRET_BYTES) {
                throw new IllegalStateException("hub.privacy.subject-key must be at least " + SubjectKeys.MIN_SECRET_BYTES
                        + " bytes (Base64 of 256 bits)");
            }
            return secret;
        }
        KeyFiles.Key secret = KeyFiles.readOrGenerate(privacy.getSubjectKeyFile(), "hub.privacy.subject-key-file",
                SubjectKeys::newSecret);
        if (secret.generated()) {
            LOG.warn("Generated a new subject-key secret in {}: every node of this hub must share it "
                    + "(copy the file or set hub.privacy.subject-key), and losing it makes past subject keys unsearchable",
                    privacy.getSubjectKeyFile());
        }
        return secret.bytes();
    }

    private static byte[] decode(String base64, String property, String requirement) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(property + " " + requirement);
        }
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " " + requirement + " (it is not valid Base64)");
        }
    }
}
