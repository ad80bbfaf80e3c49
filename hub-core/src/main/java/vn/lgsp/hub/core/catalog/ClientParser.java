package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.lgsp.hub.core.auth.Secrets;

/** Parses one {@code clients[i]} entry of a participant file: id, bcrypt secret, API-key digests, roles. */
final class ClientParser {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA256 = Pattern.compile("\\{sha256}[0-9a-f]{64}");
    private static final Set<String> ROLES = Set.of("data-tracker");

    ClientCredential parse(JsonNode node, String field, String agency, NodeReader in) {
        if (!in.checkKeys(node, field, Set.of("id", "secret", "api-keys", "roles", "quota", "certificate"))) {
            return null;
        }
        String id = in.requiredText(node, field, "id");
        if (id != null && !CLIENT_ID.matcher(id).matches()) {
            in.problem(field + ".id", "must be 3-64 characters of A-Z a-z 0-9 . _ -");
        }
        String secret = in.optionalText(node, field, "secret");
        if (secret != null && !BCRYPT.matcher(secret).matches()) {
            in.problem(field + ".secret", "must be a bcrypt hash written as {bcrypt}$2a$10$... "
                    + "(produce one with: java -jar lgsp-hub.jar hash-secret); plain secrets are not accepted");
        } else if (secret != null && !Secrets.isBcryptHash(secret)) {
            in.problem(field + ".secret", String.format("bcrypt cost must be between %02d and %02d (each step doubles "
                    + "the work of every token request)", Secrets.BCRYPT_MIN_COST, Secrets.BCRYPT_MAX_COST));
        }
        List<String> apiKeys = new ArrayList<>();
        List<String> declaredKeys = in.textList(node, field, "api-keys");
        for (int i = 0; i < declaredKeys.size(); i++) {
            String key = declaredKeys.get(i);
            if (SHA256.matcher(key).matches()) {
                apiKeys.add(key.substring("{sha256}".length()));
            } else {
                in.problem(field + ".api-keys[" + i + "]", "must be {sha256} followed by 64 lower-case hex digits "
                        + "(produce one with: java -jar lgsp-hub.jar new-api-key)");
            }
        }
        if (secret == null && declaredKeys.isEmpty() && !node.has("certificate")) {
            in.problem(field, "needs a secret, at least one api-key or a certificate");
        }
        List<String> roles = in.textList(node, field, "roles");
        for (int i = 0; i < roles.size(); i++) {
            if (!ROLES.contains(roles.get(i))) {
                in.problem(field + ".roles[" + i + "]", "unknown role '" + roles.get(i) + "' (known: data-tracker)");
            }
        }
        return id == null ? null : new ClientCredential(id, agency, secret, apiKeys, Set.copyOf(roles),
                EdgeBlockParser.quota(node, field, in), EdgeBlockParser.certificate(node, field, in));
    }
}
