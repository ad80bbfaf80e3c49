package vn.lgsp.hub.routes.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.config.HubProperties;
import vn.lgsp.hub.routes.http.Problems;

/**
 * Security of the operator surface (Spring's port: {@code /ops/**}, {@code /actuator/**}): HTTP Basic against
 * {@code operators.yaml}, roles {@code operator} and {@code auditor}; problem+json on 401/403.
 * Health probes stay open for load balancers.
 */
@Configuration
public class OpsSecurityConfiguration {

    @Bean
    UserDetailsService operatorAccounts(HubProperties properties) {
        return new InMemoryUserDetailsManager(
                OperatorDirectory.load(properties.getCatalog().getDir().resolve("operators.yaml")));
    }

    @Bean
    SecurityFilterChain opsSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/ops/v1/audit", "/ops/v1/audit/**").hasAnyRole("AUDITOR", "OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/ops/v1/catalog/status", "/ops/v1/connector-types")
                                .hasAnyRole("AUDITOR", "OPERATOR")
                        .requestMatchers("/ops/**", "/actuator/**").hasRole("OPERATOR")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    if (request.getHeader("Authorization") == null) {
                        problem(response, HubError.AUTH_REQUIRED, "operator credentials required (HTTP Basic)");
                    } else {
                        problem(response, HubError.AUTH_INVALID, "unknown operator or wrong password");
                    }
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        problem(response, HubError.ACCESS_DENIED, "your operator role does not allow this")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/ops/**", "/actuator/**"));
        return http.build();
    }

    private static void problem(HttpServletResponse response, HubError error, String detail) throws IOException {
        response.setStatus(error.status());
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (error.status() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"lgsp-hub-ops\"");
        }
        response.getOutputStream().write(Problems.render(error, detail, null, null));
    }
}
