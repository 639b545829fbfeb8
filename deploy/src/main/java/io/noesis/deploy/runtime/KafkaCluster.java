package io.noesis.deploy.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of several brokers and one separate KRaft controller, each a process run from the same
 * Maven Central jars as {@link KafkaBroker}, on loopback ports picked at random. Separate roles because
 * three combined broker-controller nodes fall apart shortly after start. The cluster's internal topics
 * (offsets, transaction state) are replicated three ways with two in sync, as in production, so one broker
 * can die without stopping exactly-once Streams applications.
 */
public final class KafkaCluster {

    static final String CONTROLLER_NAME = "kafka-controller";
    private static final int CONTROLLER_ID = 1;

    private final Path dataDir;
    private final String classpath;
    private final int controllerPort = Ports.freePort();
    private final List<Integer> brokerPorts = new ArrayList<>();
    private final List<ManagedProcess> processes = new ArrayList<>();

    public KafkaCluster(Path dataDir, int brokers, String classpath) {
        if (brokers < 3) {
            throw new IllegalArgumentException("A replicated cluster needs at least three brokers, not " + brokers);
        }
        this.dataDir = dataDir;
        this.classpath = classpath;
        for (int i = 0; i < brokers; i++) {
            brokerPorts.add(Ports.freePort());
        }
    }

    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public int brokers() {
        return brokerPorts.size();
    }

    /** Formats every node with one cluster id, starts the controller and the brokers, and waits until all brokers have registered. */
    public void start(Path runDir, Path logDir, Duration timeout) {
        Map<String, Path> configs = new LinkedHashMap<>();
        configs.put(CONTROLLER_NAME, writeConfig(CONTROLLER_NAME, controllerConfig()));
        for (int i = 0; i < brokerPorts.size(); i++) {
            configs.put(brokerName(i), writeConfig(brokerName(i), brokerConfig(i)));
        }
        formatAll(configs, logDir);
        configs.forEach((name, config) ->
                processes.add(KafkaBroker.startNode(name, classpath, dataDir.resolve(name), config, runDir, logDir)));
        processes.get(0).awaitReady(() -> KafkaBroker.answersMetadata(bootstrapServers(), brokers()), timeout);
    }

    /** Stops the brokers, then the controller: a broker's controlled shutdown needs the controller to answer. */
    public void stop(Duration grace) {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(grace);
        }
        processes.clear();
    }

    private Path writeConfig(String name, Properties config) {
        config.put("log.dirs", dataDir.resolve(name).resolve("logs").toString());
        return KafkaBroker.store(config, dataDir.resolve(name).resolve("server.properties"));
    }

    /** A static quorum (controller.quorum.voters): every node is formatted alike, with the cluster id and no quorum option. */
    private void formatAll(Map<String, Path> configs, Path logDir) {
        String clusterId = Uuid.randomUuid().toString();
        configs.forEach((node, config) -> KafkaBroker.format(node, dataDir.resolve(node), config, logDir, clusterId));
    }

    private Properties controllerConfig() {
        Properties props = common(CONTROLLER_ID);
        props.put("process.roles", "controller");
        props.put("listeners", "CONTROLLER://127.0.0.1:" + controllerPort);
        return props;
    }

    private Properties brokerConfig(int index) {
        Properties props = common(CONTROLLER_ID + 1 + index);
        props.put("process.roles", "broker");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts.get(index));
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts.get(index));
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("num.partitions", "6");
        props.put("default.replication.factor", "3");
        props.put("min.insync.replicas", "2");
        props.put("offsets.topic.replication.factor", "3");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        props.put("share.coordinator.state.topic.replication.factor", "3");
        props.put("share.coordinator.state.topic.min.isr", "2");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    private Properties common(int nodeId) {
        Properties props = new Properties();
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", CONTROLLER_ID + "@127.0.0.1:" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        return props;
    }

    private static String brokerName(int index) {
        return "kafka-broker-" + (index + 1);
    }
}
