package io.noesis.system;

import io.noesis.schemas.EpisodeEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Episodes and decisions through the REST APIs, as clients send them while parts of the system crash:
 * requests paced at a rate, a decision for each risky episode as soon as it awaits approval, and every
 * call that gets no answer, or 503, retried with the same episode id or decision id (the idempotency
 * keys a client keeps). What the services answered is kept for the checks afterwards.
 */
final class EpisodeTraffic {

    static final String SAFE_TASK = "summarise the nightly report";
    static final String RISKY_TASK = "drop the staging cache";
    /** The tag by which the test's rule file gives an approval a short deadline. */
    static final Map<String, String> SHORT_DEADLINE = Map.of("deadline", "short");

    /** A client waits a second longer after each failed try, up to five. */
    private static final Duration RETRY_STEP = Duration.ofSeconds(1);
    private static final int MOST_STEPS = 5;

    /** What a client wants of an episode, and the state it must end in. */
    enum Lane {
        SAFE(SAFE_TASK, Map.of(), EpisodeEventType.COMPLETED),
        APPROVE(RISKY_TASK, Map.of(), EpisodeEventType.COMPLETED),
        REJECT(RISKY_TASK, Map.of(), EpisodeEventType.REJECTED),
        EXPIRE(RISKY_TASK, SHORT_DEADLINE, EpisodeEventType.EXPIRED);

        final String task;
        final Map<String, String> tags;
        final EpisodeEventType ending;

        Lane(String task, Map<String, String> tags, EpisodeEventType ending) {
            this.task = task;
            this.tags = tags;
            this.ending = ending;
        }

        boolean isDecided() {
            return this == APPROVE || this == REJECT;
        }
    }

    /** A decision the approval-service accepted (200) or recorded without knowing its outcome yet (202). */
    record AcceptedDecision(String episodeId, String decisionId, Lane lane, int status, String verdict, String commandId) {
    }

    /** An answer to a call, for the figures: e.g. "decide 409 NOT_PENDING" or "submit 503". */
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    /** Every answer each episode's calls got, in order: what a failure report needs to tell where an episode stuck. */
    private final Map<String, List<String>> history = new ConcurrentHashMap<>();
    private final Map<String, Lane> plan;
    private final Map<String, AcceptedDecision> accepted = new ConcurrentHashMap<>();
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final Set<String> deciding = ConcurrentHashMap.newKeySet();
    /** Risky episodes whose decision the client never saw accepted because the round closed first (a retry after a lost answer). */
    private final Set<String> settledUnanswered = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final JsonHttp http = new JsonHttp();
    private final String episodesUrl;
    private final String approvalsUrl;
    private final String requester;
    private final String approver;
    private final ExecutorService submitters = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(6);
    private volatile EpisodeLogWatch log;

    EpisodeTraffic(Map<String, Lane> plan, String episodeServiceUrl, String approvalServiceUrl, String requester,
            String approver) {
        this.plan = plan;
        this.episodesUrl = episodeServiceUrl + "/episodes";
        this.approvalsUrl = approvalServiceUrl + "/approvals/";
        this.requester = requester;
        this.approver = approver;
    }

    /** count episodes: half safe, and of the risky half 2 in 5 approved, 2 in 5 rejected, 1 in 5 left to expire. */
    static Map<String, Lane> plan(int count, String runId) {
        Map<String, Lane> plan = new LinkedHashMap<>();
        Lane[] risky = {Lane.APPROVE, Lane.APPROVE, Lane.REJECT, Lane.REJECT, Lane.EXPIRE};
        for (int i = 0; i < count; i++) {
            Lane lane = i % 2 == 0 ? Lane.SAFE : risky[(i / 2) % risky.length];
            plan.put("fault-" + runId + "-" + i + "-" + lane.name().toLowerCase(), lane);
        }
        return plan;
    }

    /**
     * The rule file the traffic's lanes need: the shipped keyword policy, and a riskier one whose approvals
     * expire after shortDeadline, for the episodes tagged for it.
     */
    static String rules(String version, Duration shortDeadline) {
        return """
                version: "%s"
                policies:
                  - name: high_risk_keywords
                    type: keywords
                    match: whole_word
                    keywords: [delete, drop, truncate, deploy, rollback]
                    risk_score: 0.8
                    approval: {required_approvals: 1}
                  - name: short_deadline
                    type: tags
                    tags: {%s: %s}
                    risk_score: 0.9
                    approval: {required_approvals: 1, timeout_seconds: %d}
                """.formatted(version, SHORT_DEADLINE.keySet().iterator().next(),
                SHORT_DEADLINE.values().iterator().next(), shortDeadline.toSeconds());
    }

    /** Tells the traffic about the episode log, so it decides each risky episode once it awaits approval. */
    void follow(EpisodeLogWatch watch) {
        this.log = watch;
    }

    /** Called for every event of the episode log. */
    void onEvent(String episodeId, EpisodeEventType type) {
        Lane lane = plan.get(episodeId);
        if (type == EpisodeEventType.AWAITING_APPROVAL && lane != null && lane.isDecided() && deciding.add(episodeId)) {
            scheduler.execute(() -> decide(episodeId, lane, 1));
        }
    }

    /** Sends the requests at the given rate, spread out evenly, and returns at once. */
    void submitAll(double perSecond) {
        List<String> ids = new ArrayList<>(plan.keySet());
        AtomicInteger next = new AtomicInteger();
        long periodMicros = Math.round(1_000_000 / perSecond);
        scheduler.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < ids.size()) {
                submitters.execute(() -> submit(ids.get(i), 1));
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    boolean allSubmitted() {
        return submitted.size() == plan.size();
    }

    Map<String, AcceptedDecision> accepted() {
        return Map.copyOf(accepted);
    }

    Set<String> settledUnanswered() {
        return Set.copyOf(settledUnanswered);
    }

    /** Answers the test did not expect from a healthy system (a 4xx on a valid call, a refusal, a 500). */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** How often each kind of answer came, by call and status. */
    Map<String, Long> answerCounts() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((answer, count) -> counts.put(answer, count.sum()));
        return counts;
    }

    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        submitters.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        submitters.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void submit(String episodeId, int attempt) {
        Lane lane = plan.get(episodeId);
        JsonHttp.Answer answer = http.post(episodesUrl, requester,
                Map.of("episode_id", episodeId, "task", lane.task, "tags", lane.tags));
        count(episodeId, "submit", answer, null);
        if (answer.is(202)) {
            submitted.add(episodeId);
        } else if (isRetryable(answer)) {
            scheduler.schedule(() -> submitters.execute(() -> submit(episodeId, attempt + 1)), backoff(attempt),
                    TimeUnit.MILLISECONDS);
        } else {
            unexpected.add("POST /episodes for " + episodeId + " answered " + answer.status() + " " + answer.body());
        }
    }

    private void decide(String episodeId, Lane lane, int attempt) {
        String decisionId = episodeId + "-decision";
        String verb = lane == Lane.APPROVE ? "approve" : "reject";
        JsonHttp.Answer answer = http.post(approvalsUrl + episodeId + "/" + verb, approver,
                Map.of("decision_id", decisionId, "reason", "fault test: " + verb));
        String refusal = answer.text("refusal");
        count(episodeId, "decide", answer, refusal);
        if (answer.is(200) || answer.is(202)) {
            accepted.put(episodeId, new AcceptedDecision(episodeId, decisionId, lane, answer.status(),
                    answer.text("verdict"), answer.text("command_id")));
        } else if (answer.is(409) && "NOT_PENDING".equals(refusal) && log.hasEnded(episodeId)) {
            // An earlier try was recorded and settled the round, but its answer was lost to a crash.
            settledUnanswered.add(episodeId);
        } else if (isRetryable(answer) || (answer.is(409) && "NOT_PENDING".equals(refusal))) {
            // NOT_PENDING while the episode still waits: approval-service has not read the pause yet (or is catching up).
            scheduler.schedule(() -> decide(episodeId, lane, attempt + 1), backoff(attempt), TimeUnit.MILLISECONDS);
        } else {
            unexpected.add("POST " + verb + " for " + episodeId + " answered " + answer.status() + " " + answer.body());
        }
    }

    private static long backoff(int attempt) {
        return RETRY_STEP.multipliedBy(Math.min(attempt, MOST_STEPS)).toMillis();
    }

    /** No answer (the service is down), or 503 (it cannot reach Kafka now): a client tries again. */
    private static boolean isRetryable(JsonHttp.Answer answer) {
        return answer.is(JsonHttp.NO_ANSWER) || answer.is(503);
    }

    /** The answers an episode's calls got, oldest first, with the time each came. */
    List<String> historyOf(String episodeId) {
        return List.copyOf(history.getOrDefault(episodeId, List.of()));
    }

    private void count(String episodeId, String call, JsonHttp.Answer answer, String detail) {
        String key = call + " " + (answer.is(JsonHttp.NO_ANSWER) ? "no answer" : answer.status())
                + (detail == null ? "" : " " + detail);
        answers.computeIfAbsent(key, k -> new LongAdder()).increment();
        history.computeIfAbsent(episodeId, id -> new CopyOnWriteArrayList<>()).add(Instant.now() + " " + key);
    }
}
