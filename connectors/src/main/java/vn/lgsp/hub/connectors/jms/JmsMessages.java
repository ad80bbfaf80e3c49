package vn.lgsp.hub.connectors.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorFailure.Kind;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/**
 * How the {@code jms} connector maps requests to messages and back.
 *
 * <p>Request: a {@code BytesMessage} with the body bytes; each header as a string property whose name has
 * every character other than a letter, digit or '_' replaced by '_' ({@code X-Hub-Message-Id} becomes
 * {@code X_Hub_Message_Id}); {@code LGSP_Method}, {@code LGSP_SubPath} and {@code LGSP_Query}; the exchange id as
 * JMS correlation id; and the hub's message id as Artemis duplicate-detection id ({@code _AMQ_DUPL_ID}), so a
 * redelivered record is stored once by the broker.
 * <p>Reply (request-reply mode): body of a {@code BytesMessage} or {@code TextMessage} (UTF-8), status from the
 * int property {@code LGSP_Status} (default 200), content type from {@code Content_Type}.
 */
final class JmsMessages {

    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    private JmsMessages() {
    }

    static BytesMessage toMessage(Session session, ProviderRequest request) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(request.body());
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = propertyName(header.getKey());
            if (name != null && header.getValue() != null && !header.getValue().isEmpty()) {
                message.setStringProperty(name, header.getValue().get(0));
            }
        }
        message.setStringProperty("LGSP_Method", request.method());
        message.setStringProperty("LGSP_SubPath", request.subPath());
        if (request.rawQuery() != null) {
            message.setStringProperty("LGSP_Query", request.rawQuery());
        }
        String exchangeId = first(request, "X-Hub-Exchange-Id");
        if (exchangeId != null) {
            message.setJMSCorrelationID(exchangeId);
        }
        String messageId = first(request, "X-Hub-Message-Id");
        if (messageId != null) {
            message.setStringProperty(DUPLICATE_ID, messageId);
        }
        return message;
    }

    /** The JMS property name for a header, or null when it cannot be one. */
    static String propertyName(String header) {
        StringBuilder name = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            name.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        String text = name.toString();
        if (text.isEmpty() || Character.isDigit(text.charAt(0)) || text.toUpperCase(Locale.ROOT).startsWith("JMS")
                || text.startsWith("_AMQ") || RESERVED.contains(text.toUpperCase(Locale.ROOT))) {
            return null;
        }
        return text;
    }

    private static String first(ProviderRequest request, String header) {
        for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
            if (e.getKey().equalsIgnoreCase(header) && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    static ProviderResponse accepted(String queue, String messageId) {
        String body = "{\"queue\":\"" + queue + "\",\"messageId\":\"" + messageId.replace("\"", "") + "\"}";
        return new ProviderResponse(202, Map.of("Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static ProviderResponse toResponse(Message reply) throws JMSException {
        byte[] body;
        if (reply instanceof BytesMessage bytes) {
            body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
        } else if (reply instanceof TextMessage text) {
            body = text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        } else {
            body = new byte[0];
        }
        int status = reply.propertyExists("LGSP_Status") ? reply.getIntProperty("LGSP_Status") : 200;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (reply.propertyExists("Content_Type")) {
            headers.put("Content-Type", List.of(reply.getStringProperty("Content_Type")));
        }
        return new ProviderResponse(status, headers, body);
    }

    /** A failure naming the queue only (never the URL, which may hold credentials). */
    static ConnectorFailure failure(Exception e, String queue) {
        if (e instanceof ConnectorFailure known) {
            return known;
        }
        if (e instanceof JMSSecurityException) {
            return new ConnectorFailure(Kind.UNAVAILABLE, "the broker of queue " + queue
                    + " refused the hub's credentials", e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().contains("TimedOut")) {
                return new ConnectorFailure(Kind.TIMEOUT, "the broker of queue " + queue + " did not answer in time", e);
            }
        }
        return new ConnectorFailure(Kind.UNAVAILABLE, "cannot reach the broker of queue " + queue + " ("
                + e.getClass().getSimpleName() + ")", e);
    }
}
