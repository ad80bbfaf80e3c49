package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.catalog.ConfigDir.BROKEN;
import static vn.lgsp.hub.core.catalog.Problems.assertOnly;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lgsp.hub.core.auth.Secrets;

/** Problems with clients: secrets, API keys, ids, roles, uniqueness across files. */
class CatalogLoaderClientProblemsTest {

    static final String AGENCY = "agency: { code: \"000.00.40.H99\", name: \"Sở Y tế tỉnh H99\" }\n";

    @TempDir
    Path dir;

    /** The valid fixture plus a Sở Y tế file with one client written as a flow mapping. */
    List<CatalogProblem> problemsWithClient(String client) {
        return ConfigDir.valid(dir).write(BROKEN, AGENCY + "clients:\n  - " + client + "\n").problems();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mat-khau-so-y-te", "{noop}mat-khau", "$2a$10$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234",
            "{bcrypt}mat-khau", "{bcrypt}$2a$10$tooShort", "{BCRYPT}$2a$10$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234",
            "{bcrypt}$2x$10$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234"})
    void secretMustBeABcryptHash(String secret) {
        assertOnly(problemsWithClient("{ id: syt-app, secret: \"" + secret + "\" }"), BROKEN, "clients[0].secret",
                "plain secrets are not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"03", "17", "31", "99"})
    void bcryptCostMustBeUsable(String cost) {
        String hash = "{bcrypt}$2a$" + cost + "$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234";
        assertOnly(problemsWithClient("{ id: syt-app, secret: \"" + hash + "\" }"), BROKEN, "clients[0].secret",
                "bcrypt cost must be between 04 and 16");
    }

    @Test
    void bcryptHashesOfEveryCommonVersionAreAccepted() {
        String a = Secrets.bcrypt("a");
        String b = "{bcrypt}" + BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "b".toCharArray());
        String y = "{bcrypt}" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(12, "y".toCharArray());
        Catalog catalog = ConfigDir.valid(dir).write(BROKEN, AGENCY + """
                clients:
                  - { id: syt-a, secret: "%s" }
                  - { id: syt-b, secret: "%s" }
                  - { id: syt-y, secret: "%s" }
                """.formatted(a, b, y)).load();
        assertThat(Secrets.matches("a", catalog.client("syt-a").orElseThrow().secretHash())).isTrue();
        assertThat(Secrets.matches("b", catalog.client("syt-b").orElseThrow().secretHash())).isTrue();
        assertThat(Secrets.matches("y", catalog.client("syt-y").orElseThrow().secretHash())).isTrue();
    }

    @Test
    void clientNeedsASecretOrAnApiKey() {
        assertOnly(problemsWithClient("{ id: syt-app }"), BROKEN, "clients[0]", "needs a secret, at least one api-key or a certificate");
        assertOnly(problemsWithClient("{ id: syt-app, api-keys: [] }"), BROKEN, "clients[0]",
                "needs a secret, at least one api-key or a certificate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lgsp_plain-key", "F771D1B3CD64CADF5FE6243C827084CA26E5C97D66B1E7FB02ECAD56DF59124B",
            "{sha256}F771D1B3CD64CADF5FE6243C827084CA26E5C97D66B1E7FB02ECAD56DF59124B",
            "{sha256}f771d1b3cd64", "{sha1}a9993e364706816aba3e25717850c26c9cd0d89d"})
    void badApiKeyFormat(String key) {
        assertOnly(problemsWithClient("{ id: syt-app, api-keys: [\"" + key + "\"] }"), BROKEN,
                "clients[0].api-keys[0]", "must be {sha256} followed by 64 lower-case hex digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "sở-y-tế", "syt app", "syt/app"})
    void badClientId(String id) {
        assertOnly(problemsWithClient("{ id: \"" + id + "\", secret: \"" + Secrets.bcrypt("x") + "\" }"), BROKEN,
                "clients[0].id", "must be 3-64 characters of A-Z a-z 0-9 . _ -");
    }

    @Test
    void clientWithoutId() {
        assertOnly(problemsWithClient("{ secret: \"" + Secrets.bcrypt("x") + "\" }"), BROKEN, "clients[0].id",
                "is required");
    }

    @Test
    void unknownRole() {
        assertOnly(problemsWithClient("{ id: syt-app, secret: \"" + Secrets.bcrypt("x") + "\", roles: [admin] }"),
                BROKEN, "clients[0].roles[0]", "unknown role 'admin' (known: data-tracker)");
    }

    @Test
    void unknownKeyInAClient() {
        assertOnly(problemsWithClient("{ id: syt-app, secret: \"" + Secrets.bcrypt("x") + "\", password: x }"),
                BROKEN, "clients[0].password", "unknown key (known: api-keys, certificate, id, quota, roles, secret)");
    }

    @Test
    void duplicateClientIdAcrossFiles() {
        assertOnly(problemsWithClient("{ id: stp-app, secret: \"" + Secrets.bcrypt("x") + "\" }"), BROKEN,
                "clients[0].id", "client id 'stp-app' is already used in catalog/stp.yaml");
    }

    @Test
    void duplicateClientIdWithinAFile() {
        String hash = Secrets.bcrypt("x");
        List<CatalogProblem> problems = ConfigDir.valid(dir).write(BROKEN, AGENCY + """
                clients:
                  - { id: syt-app, secret: "%s" }
                  - { id: syt-app, secret: "%s" }
                """.formatted(hash, hash)).problems();
        assertOnly(problems, BROKEN, "clients[1].id", "client id 'syt-app' is already used in " + BROKEN);
    }

    @Test
    void sameApiKeyForTwoClients() {
        String key = "{sha256}" + Secrets.sha256Hex("lgsp_huyen-hoa-binh-key-0001");
        assertOnly(problemsWithClient("{ id: syt-app, api-keys: [\"" + key + "\"] }"), BROKEN,
                "clients[0].api-keys", "this api key is already used in catalog/ubnd-hoa-binh.yaml");
    }

    @Test
    void clientsMustBeAList() {
        List<CatalogProblem> problems = ConfigDir.valid(dir)
                .write(BROKEN, AGENCY + "clients: { id: syt-app }\n").problems();
        assertOnly(problems, BROKEN, "clients", "must be a list");
    }
}
