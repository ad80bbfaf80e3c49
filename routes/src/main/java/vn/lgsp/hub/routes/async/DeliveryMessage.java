package vn.lgsp.hub.routes.async;

/**
 * Properties of a delivery message on the broker (one message per record and subscription). The body is
 * the record's bytes, exactly as published.
 */
public final class DeliveryMessage {

    /** Stable across redeliveries and replays; sent to the subscriber as X-Hub-Message-Id. */
    public static final String MESSAGE_ID = "lgsp_message_id";
    public static final String EXCHANGE_ID = "lgsp_exchange_id";
    public static final String PUBLISHER = "lgsp_publisher";
    public static final String TOPIC = "lgsp_topic";
    public static final String SUBSCRIBER = "lgsp_subscriber";
    public static final String REQUEST_ID = "lgsp_request_id";
    public static final String CONTENT_TYPE = "lgsp_content_type";
    public static final String TRACEPARENT = "lgsp_traceparent";
    /** The accepted X-Purpose of a record of a personal-data topic. */
    public static final String PURPOSE = "lgsp_purpose";
    /** Keyed hashes of the record's subject ids (audit {@code subjectKeys}); never the ids themselves. */
    public static final String SUBJECT_KEYS = "lgsp_subject_keys";
    /** Last failure, set on dead letters. */
    public static final String LAST_ERROR = "lgsp_last_error";
    /** Artemis duplicate detection: a retried publish of the same message is dropped by the broker. */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";

    private DeliveryMessage() {
    }

    /** The body bytes of a delivery message. */
    public static byte[] body(jakarta.jms.Message message) throws jakarta.jms.JMSException {
        if (message instanceof jakarta.jms.BytesMessage bytes) {
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return body;
        }
        String text = message.getBody(String.class);
        return text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The hub's own properties ({@code lgsp_*}) of a message, by name. */
    public static java.util.Map<String, Object> hubProperties(jakarta.jms.Message message)
            throws jakarta.jms.JMSException {
        java.util.Map<String, Object> properties = new java.util.TreeMap<>();
        for (java.util.Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (name.startsWith("lgsp_")) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        return properties;
    }
}
