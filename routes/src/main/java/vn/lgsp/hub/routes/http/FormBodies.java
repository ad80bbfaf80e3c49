package vn.lgsp.hub.routes.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Vert.x decodes {@code application/x-www-form-urlencoded} bodies into form attributes and Camel then
 * leaves the message body empty; this re-encodes them (same fields, same order, UTF-8) so form posts can
 * be read by the hub and forwarded to providers.
 */
final class FormBodies {

    private FormBodies() {
    }

    static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    static byte[] encode(MultiMap form) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> field : form) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
