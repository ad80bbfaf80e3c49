package vn.lgsp.hub.routes.async;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.stereotype.Component;

/**
 * Artemis' management API over JMS ({@code activemq.management}): works for the embedded broker and an
 * external one alike. One {@link Calls} per connection, for several requests in a row.
 */
@Component
public class BrokerManagement {

    private final ConnectionFactory connectionFactory;

    public BrokerManagement(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** Management requests on one open connection. */
    public interface Calls {
        /** Invokes {@code operation} on {@code resource} (e.g. {@code broker}); throws if the broker refuses. */
        Object invoke(String resource, String operation, Object... arguments) throws JMSException;

        /** Reads an attribute of {@code resource} (e.g. {@code queue.<name>}, {@code messageCount}). */
        Object attribute(String resource, String attribute) throws JMSException;
    }

    /** What to do with an open management session. */
    public interface Work<T> {
        T run(Calls calls) throws JMSException;
    }

    /** Opens a connection, runs {@code work} with it, closes it. */
    public <T> T with(Work<T> work) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            if (!(connection instanceof QueueConnection queueConnection)) {
                throw new IllegalStateException("the JMS connection factory does not provide queue connections");
            }
            connection.start();
            QueueSession session = queueConnection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue management = session.createQueue("activemq.management");
            QueueRequestor requestor = new QueueRequestor(session, management);
            return work.run(new Calls() {
                @Override
                public Object invoke(String resource, String operation, Object... arguments) throws JMSException {
                    Message request = session.createMessage();
                    try {
                        JMSManagementHelper.putOperationInvocation(request, resource, operation, arguments);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot build the management request " + operation, e);
                    }
                    return answer(requestor.request(request), resource + " " + operation);
                }

                @Override
                public Object attribute(String resource, String attribute) throws JMSException {
                    Message request = session.createMessage();
                    JMSManagementHelper.putAttribute(request, resource, attribute);
                    return answer(requestor.request(request), resource + " " + attribute);
                }
            });
        }
    }

    private static Object answer(Message reply, String what) throws JMSException {
        Object result;
        try {
            result = reply == null ? "no reply" : JMSManagementHelper.getResult(reply);
        } catch (Exception e) {
            result = e.getMessage();
        }
        if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new BrokerRefused(what + ": " + result);
        }
        return result;
    }

    /** The broker answered a management request with a failure. */
    public static final class BrokerRefused extends IllegalStateException {
        BrokerRefused(String message) {
            super("the broker refused " + message);
        }
    }
}
