package vn.lgsp.hub.routes.http;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;

/**
 * Puts an exchange's {@code exchangeId} and {@code requestId} in the logging MDC for as long as the
 * exchange runs on the current thread, so every log line of it carries them (text pattern and JSON logs).
 */
public final class ExchangeLogContext {

    /** MDC key of the hub's exchange id. */
    public static final String EXCHANGE_ID = "exchangeId";
    /** MDC key of the caller's (or generated) request id. */
    public static final String REQUEST_ID = "requestId";

    private ExchangeLogContext() {
    }

    /** Sets the MDC now and clears it when the Camel exchange completes. */
    public static void enter(Exchange exchange, String exchangeId, String requestId) {
        set(exchangeId, requestId);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                clear();
            }
        });
    }

    /** Sets the MDC of the current thread (the caller clears it). */
    public static void set(String exchangeId, String requestId) {
        MDC.put(EXCHANGE_ID, exchangeId);
        if (requestId != null) {
            MDC.put(REQUEST_ID, requestId);
        } else {
            MDC.remove(REQUEST_ID);
        }
    }

    public static void clear() {
        MDC.remove(EXCHANGE_ID);
        MDC.remove(REQUEST_ID);
    }
}
