package vn.lgsp.hub.routes.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Boot's real tracing auto-configuration with the hub's sampling probability (1.0): with tracing off no span is
 * recorded (no span processor sees it end), with tracing on every span is.
 */
class TracingOffConfigurationTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
            .withUserConfiguration(TracingOffConfiguration.class)
            .withBean(RecordingSpanProcessor.class)
            .withPropertyValues("management.tracing.sampling.probability=1.0");

    @Test
    void withTracingOffNoSpanIsRecorded() {
        hub.withPropertyValues("management.tracing.enabled=false").run(context -> {
            Span span = context.getBean(Tracer.class).nextSpan().name("GET /actuator/health").start();
            span.end();
            assertThat(context.getBean(RecordingSpanProcessor.class).ended).isEmpty();
            assertThat(span.context().traceId()).as("a trace id for log correlation").hasSize(32);
        });
    }

    @Test
    void withTracingOnEverySpanIsRecorded() {
        hub.withPropertyValues("management.tracing.enabled=true").run(context -> {
            context.getBean(Tracer.class).nextSpan().name("GET /actuator/health").start().end();
            assertThat(context.getBean(RecordingSpanProcessor.class).ended).containsExactly("GET /actuator/health");
        });
    }

    /** The names of the ended spans the SDK hands to its processors (as to the batch exporter's). */
    static class RecordingSpanProcessor implements SpanProcessor {
        final List<String> ended = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span.getName());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
