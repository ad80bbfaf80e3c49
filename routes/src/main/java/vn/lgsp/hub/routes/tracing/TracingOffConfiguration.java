package vn.lgsp.hub.routes.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With tracing off ({@code management.tracing.enabled=false}, the hub's default) Spring Boot still builds the
 * OpenTelemetry tracer and samples by {@code management.tracing.sampling.probability} (1.0 in the hub's
 * settings, for when tracing is turned on), so every request to the operator port became a recorded span that
 * the batch span processor handled and then threw away (~1 % of the CPU under a health-check load). This sampler
 * records none; trace ids still exist for log correlation, and a caller's {@code traceparent} is still passed on
 * ({@link ExchangeTracing}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Sampler.class)
@ConditionalOnProperty(name = "management.tracing.enabled", havingValue = "false")
public class TracingOffConfiguration {

    /** Replaces Boot's probability sampler ({@code @ConditionalOnMissingBean}). */
    @Bean
    Sampler tracingOffSampler() {
        return Sampler.alwaysOff();
    }
}
