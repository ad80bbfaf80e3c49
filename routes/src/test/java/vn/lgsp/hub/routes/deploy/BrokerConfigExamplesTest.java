package vn.lgsp.hub.routes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker configurations under {@code deploy/artemis/} load with the Artemis 2.40 server's own parser
 * (schema validation, XInclude of the shared settings, system-property placeholders) and say what
 * docs/deployment.md promises: the hub's queues never drop messages, page instead of blocking, and the
 * topologies have the HA policy and cluster load balancing they are named for.
 */
class BrokerConfigExamplesTest {

    private static final Path DIR = Path.of(System.getProperty("hub.deploy.dir", "../deploy")).resolve("artemis")
            .toAbsolutePath().normalize();
    private static final Map<String, String> PROPERTIES = Map.of("artemis.instance.etc", DIR.toString(),
            "artemis.host", "broker-a", "artemis.peer",
            "broker-b", "artemis.peer.1", "broker-b", "artemis.peer.2", "broker-c", "artemis.name", "broker-a",
            "artemis.cluster.password", "cluster-secret-for-test");

    @BeforeAll
    static void placeholders() {
        PROPERTIES.forEach(System::setProperty);
    }

    @AfterAll
    static void clearPlaceholders() {
        PROPERTIES.keySet().forEach(System::clearProperty);
    }

    private static FileConfiguration load(String file) throws Exception {
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(DIR.resolve(file).toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        return configuration;
    }

    private static void assertHubQueueSettings(FileConfiguration configuration) {
        AddressSettings hub = configuration.getAddressSettings().get("lgsp.#");
        assertThat(hub).as("address settings of lgsp.# (lgsp-address-settings.xml included)").isNotNull();
        assertThat(hub.getMaxDeliveryAttempts()).as("max-delivery-attempts").isEqualTo(-1);
        assertThat(hub.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(hub.isAutoDeleteQueues()).isFalse();
        assertThat(hub.isAutoDeleteAddresses()).isFalse();
        assertThat(hub.getRedistributionDelay()).isZero();
        assertThat(configuration.getSecurityRoles().get("#")).as("permissions of role amq")
                .anyMatch(role -> "amq".equals(role.getName()) && role.isManage() && role.isConsume()
                        && role.isSend() && role.isCreateDurableQueue());
        assertThat(configuration.isPersistenceEnabled()).isTrue();
        assertThat(configuration.isJournalDatasync()).isTrue();
        assertThat(configuration.getMaxDiskUsage()).isEqualTo(90);
        assertThat(configuration.getAcceptorConfigurations()).hasSize(1);
    }

    @Test
    void singleBroker() throws Exception {
        FileConfiguration single = load("broker-single.xml");
        assertHubQueueSettings(single);
        assertThat(single.getName()).isEqualTo("broker-a");
        assertThat(single.getClusterConfigurations()).isEmpty();
    }

    @Test
    void primaryAndBackupReplicateTheJournal() throws Exception {
        FileConfiguration primary = load("broker-primary.xml");
        FileConfiguration backup = load("broker-backup.xml");
        assertHubQueueSettings(primary);
        assertHubQueueSettings(backup);
        assertThat(primary.getHAPolicyConfiguration()).isInstanceOfSatisfying(ReplicatedPolicyConfiguration.class,
                policy -> assertThat(policy.isCheckForActiveServer()).isTrue());
        assertThat(backup.getHAPolicyConfiguration()).isInstanceOfSatisfying(ReplicaPolicyConfiguration.class,
                policy -> assertThat(policy.isAllowFailBack()).isTrue());
        for (FileConfiguration broker : new FileConfiguration[] {primary, backup}) {
            assertThat(broker.getClusterPassword()).isEqualTo("cluster-secret-for-test");
            ClusterConnectionConfiguration pair = broker.getClusterConfigurations().get(0);
            assertThat(pair.getStaticConnectors()).containsExactly("peer");
            assertThat(broker.getConnectorConfigurations().get("peer").getParams()).containsEntry("host", "broker-b");
        }
    }

    @Test
    void clusterMembersRedistributeToTheirPeers() throws Exception {
        FileConfiguration member = load("broker-cluster.xml");
        assertHubQueueSettings(member);
        ClusterConnectionConfiguration cluster = member.getClusterConfigurations().get(0);
        assertThat(cluster.getMessageLoadBalancingType()).isEqualTo(MessageLoadBalancingType.ON_DEMAND);
        assertThat(cluster.getStaticConnectors()).containsExactly("peer-1", "peer-2");
        assertThat(member.getConnectorConfigurations().get("peer-2").getParams()).containsEntry("host", "broker-c");
        assertThat(member.getConnectorConfigurations().get("self").getParams()).containsEntry("host", "broker-a");
    }
}
