package vn.lgsp.hub.routes.console;

import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /console/session}: who is logged in to the console (null when nobody), with which roles, and the
 * CSRF token the console sends with its state-changing calls (header {@code header}, or form field
 * {@code parameter} for the login form). Open to anonymous visitors: the login page needs the token too.
 */
@RestController
public class ConsoleSessionController {

    /** The console's view of the session. */
    public record ConsoleSession(String username, List<String> roles, String header, String parameter,
                                 String token) {
    }

    @GetMapping(path = "/console/session", produces = "application/json")
    public ConsoleSession session(Authentication authentication, CsrfToken csrf) {
        boolean loggedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        List<String> roles = !loggedIn ? List.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT))
                .sorted().toList();
        return new ConsoleSession(loggedIn ? authentication.getName() : null, roles, csrf.getHeaderName(),
                csrf.getParameterName(), csrf.getToken());
    }
}
