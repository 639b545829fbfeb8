package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One episode's events as episode-service tells them: page by page, or live from its event stream until the
 * episode ends. Each event is shown once, in sequence order, however often the stream has to be reopened.
 */
final class EpisodeEvents {

    /** The statuses an episode ends in; only COMPLETED is a success for the exit code. */
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "REJECTED", "EXPIRED", "CANCELLED");

    private static final int PAGE_SIZE = 500;
    /** Reopenings of the live stream in a row that ended at once with nothing new, before giving up. */
    private static final int MAX_FAILED_REOPENINGS = 5;
    private static final Duration SHORT_LIVED = Duration.ofSeconds(5);
    private static final Duration PAUSE = Duration.ofMillis(250);

    private final ServiceClient episodes;
    private final Output output;
    private final String path;
    private long next;

    EpisodeEvents(ServiceClient episodes, Output output, String episodeId, long fromSequence) {
        this.episodes = episodes;
        this.output = output;
        this.path = "episodes/" + Paths.segment(episodeId);
        this.next = fromSequence;
    }

    /** Shows every event from the first sequence on, following next_from_sequence to the last page. */
    void showAll() {
        JsonNode following;
        do {
            JsonNode page = episodes.get(path + "/events?from_sequence=" + next + "&limit=" + PAGE_SIZE);
            page.path("events").forEach(this::show);
            following = page.path("next_from_sequence");
            next = following.isNumber() ? following.asLong() : next;
        } while (following.isNumber());
    }

    /**
     * Shows the events live until the episode ends and returns the exit code for how it ended. While the
     * episode is not known yet (a request still on its way through Kafka), waits up to appearance.
     */
    int follow(Duration appearance) throws InterruptedException {
        Instant giveUp = Instant.now().plus(appearance);
        int failedReopenings = 0;
        while (true) {
            long before = next;
            Instant opened = Instant.now();
            try {
                episodes.events(path + "/events/stream?from_sequence=" + next, this::show);
            } catch (ServiceFailure failure) {
                if (failure.status() != 404 || Instant.now().isAfter(giveUp)) {
                    throw failure;
                }
                Thread.sleep(PAUSE.toMillis());
                continue;
            }
            String status = episodes.get(path + "/summary").path("status").asText();
            if (ENDED.contains(status)) {
                showAll(); // what a dropped connection may have cut off at the very end
                return "COMPLETED".equals(status) ? ExitCodes.OK : ExitCodes.REFUSED;
            }
            // The stream ended before the episode did: the connection dropped, a proxy cut it, the service
            // restarted. Reopen it where it stopped, unless it keeps ending at once with nothing new.
            boolean failedAtOnce = next == before && Duration.between(opened, Instant.now()).compareTo(SHORT_LIVED) < 0;
            failedReopenings = failedAtOnce ? failedReopenings + 1 : 0;
            if (failedReopenings > MAX_FAILED_REOPENINGS) {
                throw new IllegalStateException("The live stream of " + path + " keeps ending while the episode is "
                        + status + "; follow it again later");
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    private void show(JsonNode event) {
        long sequence = event.path("sequence").asLong();
        if (sequence < next) {
            return; // already shown before the stream was reopened
        }
        next = sequence + 1;
        output.print(event, out -> out.printf("%4d  %-24s  %-18s  %s%n", sequence, Output.text(event.path("time")),
                event.path("type").asText(), detail(event.path("type").asText(), event.path("payload"))));
    }

    /** The part of an event's payload a person looks for first. */
    static String detail(String type, JsonNode payload) {
        return switch (type) {
            case "REQUESTED" -> payload.path("task").asText() + Output.optional(" in ", payload.path("environment"))
                    + Output.optional(" by ", payload.path("requested_by"));
            case "EVALUATING" -> payload.path("subject").asText() + Output.optional(": ", payload.path("action").path("action"));
            case "INTUITION" -> payload.path("intervention").path("policy").asText()
                    + (payload.path("requires_approval").asBoolean() ? " requires approval" : " lets it pass")
                    + Output.optional(": ", payload.path("risk_reason"));
            case "AWAITING_APPROVAL" -> payload.path("required_approvals").asInt() + " approval(s)"
                    + Output.optional(" from group ", payload.path("approver_group")) + Output.optional(" by ", payload.path("deadline"))
                    + Output.optional(": ", payload.path("action").path("action")) + " - " + Output.list(payload.path("reasons"));
            case "STARTED" -> "command " + payload.path("command_id").asText();
            case "RESUMED", "REJECTED" -> "by " + Output.list(payload.path("approvers")) + Output.optional(": ", payload.path("reason"));
            case "EXPIRED" -> "deadline " + Output.text(payload.path("deadline"));
            case "CANCELLED" -> "by " + payload.path("cancelled_by").asText() + Output.optional(": ", payload.path("reason"));
            case "STEP" -> payload.path("agent").asText() + ": " + payload.path("message").asText();
            case "ACTION_PROPOSED" -> payload.path("agent").asText() + " proposes " + payload.path("action").path("action").asText()
                    + Output.optional(" - ", payload.path("action").path("description"));
            case "COMPLETED" -> Output.text(payload.path("summary"));
            case "FAILED" -> payload.path("error").asText();
            case "TRANSITION_REFUSED" -> payload.path("input").asText() + " refused in " + payload.path("from_state").asText()
                    + ": " + payload.path("reason").asText();
            case "REQUEST_REFUSED" -> Output.optional("", payload.path("field")) + Output.optional(": ", payload.path("reason"));
            default -> Output.text(payload);
        };
    }

}
