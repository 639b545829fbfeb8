package io.noesis.testing;

import io.noesis.deploy.runtime.TopicSetup;
import io.noesis.schemas.TopicSettings;
import java.util.logging.Logger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft Kafka broker inside the test JVM (Kafka's own test kit), with every topic of the
 * catalogue created. One per JVM, started on first use and closed when the JVM exits.
 */
public final class TestKafka {

    private static final Logger LOG = Logger.getLogger(TestKafka.class.getName());

    private static TestKafka shared;

    private final KafkaClusterTestKit cluster;

    private TestKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static synchronized TestKafka shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-kafka-shutdown"));
        }
        return shared;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    private static TestKafka start() {
        keepTheBrokerFromEndingTheJvm();
        try {
            // The default metadata version of the test kit is an unstable one: pin the production one.
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            TopicSetup.createAll(cluster.bootstrapServers(), TopicSettings.SINGLE_BROKER);
            return new TestKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("The in-JVM Kafka broker did not start", e);
        }
    }

    /**
     * A broker that loses its log directories (deleted while the JVM shuts down) halts the process with
     * a non-zero code, which surefire reports as a failed fork after green tests. Inside a test JVM the
     * broker may stop, never the JVM.
     */
    private static void keepTheBrokerFromEndingTheJvm() {
        Exit.Procedure logOnly = (status, message) -> LOG.warning("In-JVM Kafka broker asked to exit with " + status + ": " + message);
        Exit.setExitProcedure(logOnly);
        Exit.setHaltProcedure(logOnly);
    }

    /**
     * Bounded: the test kit's close can take long, and surefire reports a fork that is slow to exit as
     * an error. What is not closed in time ends with the JVM.
     */
    private void close() {
        Thread closer = new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // The JVM is exiting; nothing is left to clean up but temporary directories.
            }
        }, "test-kafka-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
