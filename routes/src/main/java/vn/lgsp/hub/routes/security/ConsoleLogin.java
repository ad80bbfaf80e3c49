package vn.lgsp.hub.routes.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Paths and request tests of the operator console's session login, used by {@link OpsSecurityConfiguration}.
 *
 * <p>CSRF: a request that cannot be session-authenticated needs no token. That is an API call with HTTP
 * Basic credentials (unless a browser marks it as coming from another site), or a request to the API that
 * carries no session cookie at all. Everything else that changes state, the console's login form and its
 * calls to the API included, must carry the session's token (header {@code X-CSRF-TOKEN}, or the form
 * parameter {@code _csrf} of the login form).
 */
public final class ConsoleLogin {

    /** The login page (GET) and the login form's target (POST). */
    public static final String LOGIN_PAGE = "/console/login";
    /** Where a successful login lands. */
    public static final String HOME = "/console/";
    /** Logout (POST with the CSRF token). */
    public static final String LOGOUT = "/console/logout";
    /** What the login page needs before anyone is logged in; none of it holds data. */
    static final String[] PUBLIC_PATHS = {LOGIN_PAGE, "/console/pages/login.html", "/console/assets/**",
            "/console/session"};
    /** Content-Security-Policy of the console's responses: it loads its own files only, no inline script. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private ConsoleLogin() {
    }

    /** True for the console's own pages, where an anonymous visitor is sent to the login page. */
    static boolean isConsolePage(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.equals("/console") || path.startsWith("/console/");
    }

    static boolean isLoginForm(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && LOGIN_PAGE.equals(request.getServletPath());
    }

    /** True when the CSRF check does not apply (see the class comment). */
    static boolean csrfNotNeeded(HttpServletRequest request) {
        if (isConsolePage(request)) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String site = request.getHeader("Sec-Fetch-Site");
            return site == null || site.equals("none") || site.equals("same-origin");
        }
        return request.getRequestedSessionId() == null;
    }
}
