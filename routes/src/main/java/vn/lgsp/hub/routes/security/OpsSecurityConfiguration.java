package vn.lgsp.hub.routes.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Security of the operator surface (Spring's port: {@code /ops/**}, {@code /actuator/**}, {@code /console/**}),
 * against the accounts of {@code operators.yaml}, roles {@code operator} and {@code auditor}:
 * <ul>
 *   <li>the API answers HTTP Basic, stateless (no session is created), without CSRF token, and problem+json
 *       on 401/403, audited by {@link OperatorRejections};</li>
 *   <li>the console logs in with a session form ({@link ConsoleLogin}); session-authenticated state-changing
 *       requests, the console's calls to the API included, need the CSRF token of the session.</li>
 * </ul>
 * Health probes stay open for load balancers. Paths Spring Security's firewall refuses (encoded slashes,
 * {@code ..}, {@code ;}, {@code //}, control characters) are answered {@code 400 INVALID_REQUEST} and audited
 * like every other refusal; Tomcat lets encoded slashes through to that firewall instead of answering
 * them with its own HTML page.
 */
@Configuration
public class OpsSecurityConfiguration {

    @Bean
    UserDetailsService operatorAccounts(HubProperties properties) {
        return new InMemoryUserDetailsManager(
                OperatorDirectory.load(properties.getCatalog().getDir().resolve("operators.yaml")));
    }

    @Bean
    SecurityFilterChain opsSecurity(HttpSecurity http, OperatorRejections rejections) throws Exception {
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(ConsoleLogin.LOGIN_PAGE);
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/soap/**").permitAll() // SOAP clients authenticate in the SOAP flow
                        .requestMatchers(ConsoleLogin.PUBLIC_PATHS).permitAll()
                        .requestMatchers("/console", "/console/**").hasAnyRole("AUDITOR", "OPERATOR")
                        .requestMatchers("/ops/v1/audit", "/ops/v1/audit/**").hasAnyRole("AUDITOR", "OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/ops/v1/catalog/status", "/ops/v1/connector-types",
                                "/ops/v1/services", "/ops/v1/subscriptions", "/ops/v1/maintenance", "/ops/v1/stats")
                                .hasAnyRole("AUDITOR", "OPERATOR")
                        .requestMatchers("/ops/**", "/actuator/**").hasRole("OPERATOR")
                        .anyRequest().authenticated())
                // Basic credentials come with every API request: keep the authentication in the request, so
                // no HTTP session is created for scripts, scrapers and the like
                .httpBasic(basic -> basic.securityContextRepository(new RequestAttributeSecurityContextRepository())
                        .authenticationEntryPoint((request, response, e) ->
                        unauthenticated(rejections, request, response)))
                .formLogin(form -> form.loginPage(ConsoleLogin.LOGIN_PAGE)
                        .loginProcessingUrl(ConsoleLogin.LOGIN_PAGE)
                        .defaultSuccessUrl(ConsoleLogin.HOME, true)
                        .failureUrl(ConsoleLogin.LOGIN_PAGE + "?error"))
                .logout(logout -> logout.logoutUrl(ConsoleLogin.LOGOUT)
                        .logoutSuccessUrl(ConsoleLogin.LOGIN_PAGE + "?logout"))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            if (ConsoleLogin.isConsolePage(request)) {
                                loginPage.commence(request, response, e);
                            } else {
                                unauthenticated(rejections, request, response);
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            if (e instanceof CsrfException && ConsoleLogin.isLoginForm(request)) {
                                response.sendRedirect(ConsoleLogin.LOGIN_PAGE + "?expired");
                            } else if (e instanceof CsrfException) {
                                rejections.write(request, response, HubError.ACCESS_DENIED,
                                        "missing or invalid CSRF token: reload the console page");
                            } else {
                                rejections.write(request, response, HubError.ACCESS_DENIED,
                                        "your operator role does not allow this");
                            }
                        }))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                // sessions only for the console's form login: stating a creation policy here would add Spring's
                // SessionManagementFilter, which saves every Basic-authenticated API request in a new session
                .csrf(csrf -> csrf.ignoringRequestMatchers(ConsoleLogin::csrfNotNeeded).ignoringRequestMatchers("/soap/**"))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        ConsoleLogin::isConsolePage, new StaticHeadersWriter("Content-Security-Policy", ConsoleLogin.CSP))));
        return http.build();
    }

    @Bean
    RequestRejectedHandler opsFirewallRejections(OperatorRejections rejections) {
        return (request, response, e) -> rejections.write(request, response, HubError.INVALID_REQUEST,
                "path refused: encoded slashes, '..', ';', '//' and control characters are not accepted");
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
        return factory -> factory.addConnectorCustomizers(OpsSecurityConfiguration::passEncodedSlashesToTheFirewall);
    }

    /** Lets {@code %2F} and {@code %5C} through to Spring Security's firewall (Tomcat would answer with HTML). */
    public static void passEncodedSlashesToTheFirewall(Connector connector) {
        connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    private static void unauthenticated(OperatorRejections rejections, HttpServletRequest request,
                                        HttpServletResponse response) throws IOException {
        if (request.getHeader("Authorization") != null) {
            rejections.write(request, response, HubError.AUTH_INVALID, "unknown operator or wrong password");
        } else {
            rejections.write(request, response, HubError.AUTH_REQUIRED, "operator credentials required (HTTP Basic)");
        }
    }
}
