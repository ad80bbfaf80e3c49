package vn.lgsp.hub.routes.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Operator accounts of the operator surface, read from {@code operators.yaml} in the configuration folder:
 * <pre>
 * operators:
 *   - { username: ops-alice, password: "{bcrypt}$2a$10$...", roles: [operator, auditor] }
 * </pre>
 * These are separate from department clients: a client id/secret can never log in here.
 */
public final class OperatorDirectory {

    /** Roles an operator account may hold. */
    public static final Set<String> ROLES = Set.of("operator", "auditor");
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Set<String> KEYS = Set.of("username", "password", "roles");

    private OperatorDirectory() {
    }

    /** Reads the file; a problem names the file, the field and the reason and stops startup. */
    public static List<UserDetails> load(Path file) {
        List<String> problems = new ArrayList<>();
        List<UserDetails> users = new ArrayList<>();
        if (!Files.exists(file)) {
            return users;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not valid YAML: " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("operators");
        if (list == null || !list.isArray()) {
            throw new IllegalStateException(file + ": operators: must be a list of {username, password, roles}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode op = list.get(i);
            String field = "operators[" + i + "]";
            for (Iterator<String> it = op.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    problems.add(field + "." + key + ": unknown key (known: password, roles, username)");
                }
            }
            String username = op.path("username").asText("");
            String password = op.path("password").asText("");
            if (username.isBlank()) {
                problems.add(field + ".username: is required");
            } else if (!names.add(username)) {
                problems.add(field + ".username: '" + username + "' is declared twice");
            }
            if (!BCRYPT.matcher(password).matches()) {
                problems.add(field + ".password: must be a bcrypt hash written as {bcrypt}$2a$10$... "
                        + "(java -jar lgsp-hub.jar hash-secret)");
            }
            List<String> roles = new ArrayList<>();
            op.path("roles").forEach(r -> roles.add(r.asText()));
            if (roles.isEmpty()) {
                problems.add(field + ".roles: must list at least one of " + ROLES);
            }
            for (String role : roles) {
                if (!ROLES.contains(role)) {
                    problems.add(field + ".roles: unknown role '" + role + "' (known: " + ROLES + ")");
                }
            }
            if (problems.isEmpty()) {
                users.add(User.withUsername(username).password(password)
                        .roles(roles.stream().map(r -> r.toUpperCase(Locale.ROOT)).toArray(String[]::new)).build());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid operator accounts in " + file + ":\n  " + String.join("\n  ", problems));
        }
        return users;
    }
}
