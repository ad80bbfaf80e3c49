package vn.lgsp.hub.connectors.jms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProbeResult;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/** The jms connector against a real Artemis broker listening on TCP in this JVM (a "remote" broker for the hub). */
class JmsConnectorTest {

    static final String USER = "lgsp-hub";
    static final String PASSWORD = "broker-password-123";
    static final String QUEUE = "so-tu-phap.inbox";
    static final String BODY = "{\"maDoanhNghiep\":\"3599001234\",\"tenDoanhNghiep\":\"Công ty TNHH Đất Đỏ\"}";
    static EmbeddedActiveMQ broker;
    static String url;
    @TempDir
    static Path data;
    final List<ProviderConnector> opened = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        int port = freePort();
        url = "tcp://127.0.0.1:" + port;
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .addAcceptorConfiguration("tcp", url);
        config.putSecurityRoles("#", Set.of(new Role("hub", true, true, true, true, true, true, false, true, true, true)));
        ActiveMQSecurityManagerImpl security = new ActiveMQSecurityManagerImpl();
        security.getConfiguration().addUser(USER, PASSWORD);
        security.getConfiguration().addRole(USER, "hub");
        broker = new EmbeddedActiveMQ().setConfiguration(config).setSecurityManager(security);
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @AfterEach
    void close() {
        opened.forEach(ProviderConnector::close);
    }

    ProviderConnector connector(Object... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("url", url);
        p.put("queue", QUEUE);
        p.put("username", USER);
        p.put("password", PASSWORD);
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        ProviderConnector c = new JmsConnectorFactory().create(new ConnectorSpec("jms", p));
        opened.add(c);
        return c;
    }

    static ProviderRequest delivery(String messageId) {
        return new ProviderRequest("POST", "", null, Map.of(
                "Content-Type", List.of("application/json"),
                "X-Hub-Message-Id", List.of(messageId),
                "X-Hub-Exchange-Id", List.of("0193a0b0-0000-7000-8000-00000000000a"),
                "X-Hub-Topic", List.of("business-registered")), BODY.getBytes(UTF_8));
    }

    static Connection consumerConnection() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, USER, PASSWORD);
        Connection connection = factory.createConnection();
        connection.start();
        return connection;
    }

    @Test
    void aMessageReachesTheQueueWithBodyAndHubHeaders() throws Exception {
        ProviderResponse response = connector().send(delivery("msg-0001")).get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(202);
        assertThat(new String(response.body(), UTF_8)).contains("\"queue\":\"" + QUEUE + "\"", "\"messageId\":\"ID:");

        try (Connection connection = consumerConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message received = session.createConsumer(session.createQueue(QUEUE)).receive(5000);
            assertThat(received).isInstanceOf(BytesMessage.class);
            byte[] body = new byte[(int) ((BytesMessage) received).getBodyLength()];
            ((BytesMessage) received).readBytes(body);
            assertThat(new String(body, UTF_8)).isEqualTo(BODY);
            assertThat(received.getStringProperty("X_Hub_Message_Id")).isEqualTo("msg-0001");
            assertThat(received.getStringProperty("X_Hub_Topic")).isEqualTo("business-registered");
            assertThat(received.getStringProperty("Content_Type")).isEqualTo("application/json");
            assertThat(received.getStringProperty("LGSP_Method")).isEqualTo("POST");
            assertThat(received.getJMSCorrelationID()).isEqualTo("0193a0b0-0000-7000-8000-00000000000a");
            assertThat(received.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
        }
    }

    @Test
    void aRedeliveredRecordIsStoredOnceByTheBroker() throws Exception {
        ProviderConnector c = connector("queue", "dedup.inbox");
        c.send(delivery("msg-dup")).get(10, TimeUnit.SECONDS);
        c.send(delivery("msg-dup")).get(10, TimeUnit.SECONDS);
        try (Connection connection = consumerConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("dedup.inbox"));
            assertThat(consumer.receive(5000)).isNotNull();
            assertThat(consumer.receive(500)).isNull();
        }
    }

    @Test
    void requestReplyAnswersWithTheRepliersBodyAndStatus() throws Exception {
        try (Connection connection = consumerConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer replier = session.createProducer(null);
            session.createConsumer(session.createQueue("lookup.requests")).setMessageListener(request -> {
                try {
                    BytesMessage reply = session.createBytesMessage();
                    reply.writeBytes("{\"ketQua\":\"Đã tìm thấy\"}".getBytes(UTF_8));
                    reply.setIntProperty("LGSP_Status", 200);
                    reply.setStringProperty("Content_Type", "application/json; charset=utf-8");
                    replier.send(request.getJMSReplyTo(), reply);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ProviderResponse response = connector("queue", "lookup.requests", "mode", "request-reply")
                    .send(delivery("msg-rr")).get(10, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"ketQua\":\"Đã tìm thấy\"}");
            assertThat(response.headers().get("Content-Type")).containsExactly("application/json; charset=utf-8");
        }
    }

    @Test
    void noReplyInTimeIsATimeout() {
        ConnectorFailure f = failure(() -> connector("queue", "nobody.listens", "mode", "request-reply", "timeout", "300ms")
                .send(delivery("msg-none")).get(10, TimeUnit.SECONDS));
        assertThat(f.kind()).isEqualTo(ConnectorFailure.Kind.TIMEOUT);
    }

    @Test
    void aBrokerThatIsDownIsUnavailableAndTheProbeSaysSo() throws Exception {
        ProviderConnector down = connector("url", "tcp://127.0.0.1:" + freePort());
        ConnectorFailure f = failure(() -> down.send(delivery("msg-down")).get(10, TimeUnit.SECONDS));
        assertThat(f.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE);
        assertThat(f.getMessage()).contains("cannot reach the broker of queue " + QUEUE).doesNotContain("127.0.0.1");
        assertThat(down.probe().get(10, TimeUnit.SECONDS).outcome()).isEqualTo(ProbeResult.Outcome.UNAVAILABLE);
    }

    @Test
    void wrongCredentialsAreRefusedWithoutEchoingThem() throws Exception {
        ProviderConnector wrong = connector("password", "not-the-password");
        ConnectorFailure f = failure(() -> wrong.send(delivery("msg-creds")).get(10, TimeUnit.SECONDS));
        assertThat(f.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE);
        assertThat(f.getMessage()).contains("refused the hub's credentials").doesNotContain("not-the-password");
        assertThat(wrong.probe().get(10, TimeUnit.SECONDS).outcome()).isEqualTo(ProbeResult.Outcome.CREDENTIALS_REJECTED);
        assertThat(connector().probe().get(10, TimeUnit.SECONDS).outcome()).isEqualTo(ProbeResult.Outcome.OK);
    }

    @Test
    void theConnectorRecoversAfterTheBrokerRestarts() throws Exception {
        ProviderConnector c = connector("queue", "restart.inbox");
        assertThat(c.send(delivery("msg-r1")).get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
        broker.stop();
        try {
            assertThat(failure(() -> c.send(delivery("msg-r2")).get(10, TimeUnit.SECONDS)).kind())
                    .isEqualTo(ConnectorFailure.Kind.UNAVAILABLE);
        } finally {
            broker.start();
        }
        assertThat(c.send(delivery("msg-r3")).get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
    }

    @Test
    void everyConfigProblemIsNamed() {
        List<ConnectorConfigProblem> problems = new JmsConnectorFactory().validate(new ConnectorSpec("jms", Map.of(
                "url", "http://broker", "queue", "bad queue", "password", "x", "mode", "fire", "timeout", "5",
                "max-sessions", 0, "colour", "blue")));
        assertThat(problems).extracting(ConnectorConfigProblem::property).containsExactlyInAnyOrder(
                "url", "queue", "password", "mode", "timeout", "max-sessions", "colour");
        assertThat(problems.toString()).doesNotContain("x'");
    }

    interface Call {
        Object run() throws Exception;
    }

    static ConnectorFailure failure(Call call) {
        ExecutionException e = assertThrows(ExecutionException.class, call::run);
        assertThat(e.getCause()).isInstanceOf(ConnectorFailure.class);
        return (ConnectorFailure) e.getCause();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
