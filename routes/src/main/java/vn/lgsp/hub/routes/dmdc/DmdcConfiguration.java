package vn.lgsp.hub.routes.dmdc;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import vn.lgsp.hub.core.dmdc.JdbcDmdcStore;

/** Wires the DMDC copy store and checks {@code hub.dmdc.*} at startup. */
@Configuration
@EnableConfigurationProperties(DmdcProperties.class)
public class DmdcConfiguration {

    /** A catalog code: letters, digits, '-', '_' and '.', as used in the national paths. */
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Bean
    @DependsOn("flywayInitializer")
    JdbcDmdcStore dmdcStore(DataSource dataSource, DmdcProperties properties) {
        for (int i = 0; i < properties.getCatalogs().size(); i++) {
            String code = properties.getCatalogs().get(i);
            if (code == null || !CODE.matcher(code).matches()) {
                throw new IllegalStateException("hub.dmdc.catalogs[" + i + "]: must be a catalog code such as "
                        + "donvihanhchinhcap3 (letters, digits, '.', '_', '-'), was '" + code + "'");
            }
        }
        if (properties.getRefreshInterval().isNegative() || properties.getRefreshInterval().toSeconds() < 1) {
            throw new IllegalStateException("hub.dmdc.refresh-interval: must be at least 1s");
        }
        return new JdbcDmdcStore(dataSource);
    }
}
