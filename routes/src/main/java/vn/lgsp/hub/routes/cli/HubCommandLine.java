package vn.lgsp.hub.routes.cli;

import java.io.Console;
import java.io.PrintStream;
import vn.lgsp.hub.core.auth.Secrets;

/**
 * Commands of {@code java -jar lgsp-hub.jar COMMAND}, run without starting the hub:
 * <ul>
 *   <li>{@code hash-secret [SECRET]}: prints the {@code {bcrypt}} hash for a client secret or operator
 *       password (asks for it on the console when not given, so it stays out of shell history);</li>
 *   <li>{@code new-api-key}: prints a new random API key and the {@code {sha256}} line for the catalog;</li>
 *   <li>{@code audit verify [--from ISO] [--to ISO] [--archive FILE|DIR]... [--db-url URL --db-user U
 *       --db-password P]}: verifies the audit chains, checkpoints and archives (see {@link AuditVerifyCommand}).</li>
 * </ul>
 */
public final class HubCommandLine {

    private HubCommandLine() {
    }

    /** True when the arguments name one of these commands. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("hash-secret") || args[0].equals("new-api-key")
                || args[0].equals("audit"));
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Console console) {
        if (args[0].equals("audit")) {
            return AuditVerifyCommand.run(args, out, err);
        }
        if (args[0].equals("new-api-key")) {
            String key = Secrets.newApiKey();
            out.println("api key (give to the client, shown once): " + key);
            out.println("catalog line:  api-keys: [\"{sha256}" + Secrets.sha256Hex(key) + "\"]");
            return 0;
        }
        String secret;
        if (args.length > 1) {
            secret = args[1];
        } else if (console != null) {
            char[] typed = console.readPassword("secret: ");
            secret = typed == null ? "" : new String(typed);
        } else {
            err.println("usage: java -jar lgsp-hub.jar hash-secret SECRET   (or run it on a terminal to be asked)");
            return 2;
        }
        if (secret.length() < 12 || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            err.println("refused: a secret must have 12 to 72 bytes (bcrypt reads at most 72)");
            return 2;
        }
        out.println(Secrets.bcrypt(secret));
        return 0;
    }
}
