package vn.lgsp.hub.routes.http;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lgsp.hub.core.exchange.HeaderPolicy;

/**
 * Sets the HTTP answer on a Camel message. Every inbound header (and query parameter Camel copied into
 * headers) is removed first, so nothing from the request is echoed back.
 */
public final class Replies {

    private Replies() {
    }

    public static void reply(Exchange exchange, ExchangeContext ctx, int status, String contentType, byte[] body,
                             Map<String, List<String>> headers) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        if (headers != null) {
            headers.forEach((name, values) -> message.setHeader(name, values.size() == 1 ? values.get(0) : values));
        }
        if (contentType != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        if (ctx != null) {
            message.setHeader(HeaderPolicy.EXCHANGE_ID, ctx.exchangeId());
            message.setHeader(HeaderPolicy.REQUEST_ID, ctx.requestId());
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setBody(body == null || body.length == 0 ? null : Buffer.buffer(body));
    }
}
