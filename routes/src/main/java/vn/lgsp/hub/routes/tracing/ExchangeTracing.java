package vn.lgsp.hub.routes.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.exchange.HeaderPolicy;

/**
 * W3C trace context across the hub. Always: a well-formed {@code traceparent} from the caller is passed on
 * to the provider, and stored with a published record for its subscribers ({@link HeaderPolicy}). When
 * tracing is on ({@code management.tracing.enabled=true}, spans exported by OTLP to
 * {@code management.otlp.tracing.endpoint}), the hub also records its own span for each provider call,
 * publish and delivery, as a child of the caller's trace (or a new trace), and the {@code traceparent}
 * it sends names that span. Off by default: then nothing here costs more than one field read.
 */
@Component
public class ExchangeTracing {

    private final Tracer tracer;
    private final Propagator propagator;
    private final boolean active;

    public ExchangeTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
                           @Value("${management.tracing.enabled:false}") boolean enabled) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        this.active = enabled && this.tracer != Tracer.NOOP && this.propagator != Propagator.NOOP;
    }

    /** A started span of the hub, or {@link #NONE}; end it with {@link #end}. */
    public record HubSpan(Span span, Tracer.SpanInScope scope) {
    }

    /** What {@link #start} returns when tracing is off. */
    public static final HubSpan NONE = new HubSpan(null, null);

    public boolean active() {
        return active;
    }

    /**
     * Starts a span (kind CLIENT or PRODUCER) whose parent is the trace context found in {@code inbound}
     * headers, and writes its own {@code traceparent} into {@code outbound}. Does nothing when tracing is off.
     */
    public HubSpan start(String name, Span.Kind kind, Map<String, List<String>> inbound,
                         Map<String, List<String>> outbound, Map<String, String> tags) {
        if (!active) {
            return NONE;
        }
        Span.Builder builder = propagator.extract(inbound, ExchangeTracing::first).name(name).kind(kind);
        tags.forEach(builder::tag);
        Span span = builder.start();
        outbound.keySet().removeIf(HeaderPolicy.TRACEPARENT::equalsIgnoreCase);
        propagator.inject(span.context(), outbound, (carrier, key, value) -> carrier.put(key, List.of(value)));
        return new HubSpan(span, tracer.withSpan(span));
    }

    /** Ends a span with the outcome (HTTP status; error code or null). */
    public void end(HubSpan hubSpan, int status, String errorCode) {
        if (hubSpan.span() == null) {
            return;
        }
        hubSpan.scope().close();
        hubSpan.span().tag("http.response.status_code", status);
        if (errorCode != null) {
            hubSpan.span().tag("hub.error.code", errorCode);
        }
        hubSpan.span().end();
    }

    private static String first(Map<String, List<String>> headers, String key) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key) && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
