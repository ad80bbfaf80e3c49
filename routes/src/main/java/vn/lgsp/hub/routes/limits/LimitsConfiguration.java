package vn.lgsp.hub.routes.limits;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import vn.lgsp.hub.core.quota.DailyQuotaStore;

/** Wires the client quotas and the listener limits. */
@Configuration
@EnableConfigurationProperties({LimitsProperties.class, TlsProperties.class})
public class LimitsConfiguration {

    @Bean
    @DependsOn("flywayInitializer")
    DailyQuotaStore dailyQuotaStore(DataSource dataSource) {
        return new DailyQuotaStore(dataSource);
    }
}
