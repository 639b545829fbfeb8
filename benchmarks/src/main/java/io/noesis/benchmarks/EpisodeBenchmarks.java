package io.noesis.benchmarks;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** The system's figures: each drives real episodes through the running services. */
final class EpisodeBenchmarks implements AutoCloseable {

    static final String SAFE_TASK = "summarise the nightly report";
    static final String RISKY_TASK = "drop the staging cache";
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final LocalStack stack;
    private final ConsumerLag lag;
    private final RegistrySerdes serdes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String approver;
    /** One for every figure: a new producer's first request waits 20-50 ms for metadata and a producer id, which is not the system's time. */
    private final KafkaProducer<String, EpisodeRequest> requests;
    private int batch;

    /** @param lag tells when the services have finished the work before a latency is measured, so no figure pays for another's backlog */
    EpisodeBenchmarks(LocalStack stack, ConsumerLag lag) {
        this.stack = stack;
        this.lag = lag;
        this.serdes = new RegistrySerdes(stack.registry().registryApiUrl());
        this.approver = stack.issuer().mint("bench-approver", Set.of("approver"), Set.of(), Duration.ofHours(4));
        this.requests = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                RegistrySerdes.keySerde().serializer(), serdes.valueSerde(Topics.EPISODE_REQUESTS).serializer());
    }

    /**
     * Episodes run from request to COMPLETED in the seconds given, and the records the broker wrote for them (on
     * every topic, by the time the last one completed) and the services read (once they had read everything).
     */
    record Throughput(int episodes, double seconds, long recordsWritten, long recordsRead) {
        double episodesPerSecond() {
            return episodes / seconds;
        }

        double writtenPerEpisode() {
            return (double) recordsWritten / episodes;
        }

        double readPerEpisode() {
            return (double) recordsRead / episodes;
        }

        /** Records written and read per second at this pace. */
        double movedPerSecond() {
            return episodesPerSecond() * (writtenPerEpisode() + readPerEpisode());
        }
    }

    /** Episodes that need no approval, from request to COMPLETED; returns once the services have read all they wrote. */
    Throughput pipelineThroughput(int episodes) throws Exception {
        List<String> ids = ids("safe", episodes);
        long writtenBefore = recordsWritten();
        long readBefore = lag.recordsRead();
        try (TopicWatcher<EpisodeEvent> completed = new TopicWatcher<>(bootstrap(), serdes, Topics.EPISODE_EVENTS,
                event -> event.getType() == EpisodeEventType.COMPLETED)) {
            long start = System.nanoTime();
            submit(ids, SAFE_TASK);
            require(completed.awaitCount(episodes, PATIENCE), "episodes did not all complete");
            double seconds = (lastArrival(completed, ids) - start) / 1e9;
            long written = recordsWritten() - writtenBefore;
            lag.awaitCaughtUp();
            return new Throughput(episodes, seconds, written, lag.recordsRead() - readBefore);
        }
    }

    /** Request (on the topic) to visible in GET /approvals/{id}, one episode at a time, in milliseconds. */
    Samples approvalVisibility(int samples) throws Exception {
        lag.awaitCaughtUp();
        Samples latencies = new Samples();
        for (String id : ids("visible", samples)) {
            long start = System.nanoTime();
            var sent = requests.send(new ProducerRecord<>(Topics.EPISODE_REQUESTS.name(), id, request(id, RISKY_TASK)));
            // A lone request leaves at once, not after the producer's linger (5 ms), which is the client's time.
            requests.flush();
            sent.get();
            while (get(approvalUrl("/approvals/" + id)).statusCode() != 200) {
                Thread.sleep(1);
            }
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        return latencies;
    }

    /** Decisions timed from POST approve to RESUME readable, and approval-service's commits while they ran. */
    record Decisions(Samples latencies, CommitTimes commits) { }

    /** POST approve, paced at the rate, to RESUME readable (read_committed) on episode.commands, in milliseconds. */
    Decisions decisionToResume(int decisions, int perSecond) throws Exception {
        List<String> ids = ids("decide", decisions);
        submit(ids, RISKY_TASK);
        awaitPending(ids);
        lag.awaitCaughtUp();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new CopyOnWriteArrayList<>();
        try (TopicWatcher<EpisodeCommand> resumes = new TopicWatcher<>(bootstrap(), serdes,
                Topics.EPISODE_COMMANDS, command -> command.getType() == CommandType.RESUME)) {
            CommitTimes.Snapshot commitsBefore = approvalCommits();
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            var next = new AtomicInteger();
            pacer.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < ids.size()) {
                    String id = ids.get(i);
                    sent.put(id, System.nanoTime());
                    answers.add(http.sendAsync(post(approvalUrl("/approvals/" + id + "/approve"), "{}"),
                            HttpResponse.BodyHandlers.ofString()));
                }
            }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
            require(resumes.awaitCount(decisions, PATIENCE), "not every decision produced a RESUME");
            pacer.shutdownNow();
            CommitTimes commits = CommitTimes.between(commitsBefore, approvalCommits());
            Samples latencies = new Samples();
            ids.forEach(id -> latencies.add((resumes.arrival(id) - sent.get(id)) / 1e6));
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                require(answer.get().statusCode() == 200, "a decision was not accepted: " + answer.get().body());
            }
            return new Decisions(latencies, commits);
        }
    }

    /** Tops the queue up to the given number of pending approvals, then times the first page of the list. */
    Samples pendingListLatency(int pending, int requests) throws Exception {
        List<String> ids = ids("queue", pending);
        submit(ids, RISKY_TASK);
        awaitPending(List.of(ids.get(ids.size() - 1)));
        lag.awaitCaughtUp();
        Samples latencies = new Samples();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> page = get(approvalUrl("/approvals?status=pending&limit=50"));
            latencies.add((System.nanoTime() - start) / 1e6);
            require(page.statusCode() == 200, "GET /approvals answered " + page.statusCode());
        }
        return latencies;
    }

    private void awaitPending(List<String> ids) throws Exception {
        Instant giveUp = Instant.now().plus(PATIENCE);
        for (String id : ids) {
            while (get(approvalUrl("/approvals/" + id)).statusCode() != 200) {
                require(Instant.now().isBefore(giveUp), "episode " + id + " never became pending");
                Thread.sleep(5);
            }
        }
    }

    private void submit(List<String> ids, String task) throws Exception {
        List<Future<?>> acks = new ArrayList<>();
        for (String id : ids) {
            acks.add(requests.send(new ProducerRecord<>(Topics.EPISODE_REQUESTS.name(), id, request(id, task))));
        }
        for (var ack : acks) {
            ack.get();
        }
    }

    private EpisodeRequest request(String id, String task) {
        return EpisodeRequest.newBuilder().setEpisodeId(id).setTask(task).setRequestedBy("bench-requester")
                .setRequestedAt(Instant.now()).build();
    }

    @Override
    public void close() {
        requests.close();
    }

    /**
     * Offsets of every topic on the broker but the raw baseline's: the system's topics, Kafka Streams'
     * changelogs and repartition topics, consumer offsets and transaction markers are all written by the broker.
     */
    private long recordsWritten() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Set<String> topics = new HashSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names().get());
            topics.removeAll(RawKafkaBaseline.TOPICS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(partition -> ends.put(new TopicPartition(topic.name(), partition.partition()),
                            OffsetSpec.latest())));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    private long lastArrival(TopicWatcher<?> watcher, List<String> ids) {
        return ids.stream().mapToLong(watcher::arrival).max().orElseThrow();
    }

    private List<String> ids(String kind, int count) {
        int thisBatch = ++batch;
        String prefix = "bench-" + kind + "-" + ProcessHandle.current().pid() + "-" + thisBatch + "-";
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + approver).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + approver)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private CommitTimes.Snapshot approvalCommits() throws Exception {
        return CommitTimes.Snapshot.read(http, approvalUrl(""));
    }

    private String approvalUrl(String path) {
        return stack.settings().serviceUrl(Service.APPROVAL) + path;
    }

    private String bootstrap() {
        return stack.broker().bootstrapServers();
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
