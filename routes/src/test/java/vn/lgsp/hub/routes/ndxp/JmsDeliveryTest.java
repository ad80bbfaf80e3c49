package vn.lgsp.hub.routes.ndxp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.HubTestSupport;

/** A published record delivered through the jms connector to a queue on an agency's own (remote) broker. */
class JmsDeliveryTest extends NdxpTestSupport {

    @Test
    void aRecordReachesTheSubscribersQueueOnItsOwnBroker() throws Exception {
        String record = "{\"soDinhDanh\":\"001099000003\",\"thayDoi\":\"Cải chính họ tên\"}";
        HttpResponse<byte[]> published = HubTestSupport.send(HttpRequest.newBuilder(
                        hub("/api/v1/topics/" + PROVINCE + "/civil-status-changed/records"))
                .header("Authorization", "Bearer " + token(PROVINCE_CLIENT, PROVINCE_SECRET))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(record, StandardCharsets.UTF_8)).build());
        assertThat(published.statusCode()).as(text(published)).isEqualTo(202);
        String exchangeId = HubTestSupport.json(published).path("exchangeId").asText();

        try (Connection connection = new ActiveMQConnectionFactory(AGENCY_BROKER.url()).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message received = session.createConsumer(session.createQueue("vpubnd.civil-status")).receive(60_000);
            assertThat(received).isInstanceOf(BytesMessage.class);
            byte[] body = new byte[(int) ((BytesMessage) received).getBodyLength()];
            ((BytesMessage) received).readBytes(body);
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(record);
            assertThat(received.getJMSCorrelationID()).isEqualTo(exchangeId);
            assertThat(received.getStringProperty("X_Hub_Publisher")).isEqualTo(PROVINCE);
            assertThat(received.getStringProperty("X_Hub_Message_Id")).isNotBlank();
        }
    }
}
