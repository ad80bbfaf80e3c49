package vn.lgsp.hub.routes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.lgsp.hub.routes.cli.HubCommandLine;

/**
 * Entry point of {@code lgsp-hub.jar}. With no command it starts the hub; {@code hash-secret} and
 * {@code new-api-key} are small tools for writing catalog files (see {@link HubCommandLine}).
 */
@SpringBootApplication
public class HubApplication {

    public static void main(String[] args) {
        if (HubCommandLine.handles(args)) {
            System.exit(HubCommandLine.run(args, System.out, System.err, System.console()));
        }
        SpringApplication.run(HubApplication.class, args);
    }
}
