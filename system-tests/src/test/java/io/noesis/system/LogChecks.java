package io.noesis.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.system.EpisodeTraffic.AcceptedDecision;
import io.noesis.system.EpisodeTraffic.Lane;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What must hold after a run in which parts of the system crashed: read from the topics (read_committed)
 * and the audit trail, never from the services' own view. Each check adds what it finds wrong to problems,
 * so a run reports every problem at once, and returns how many records were lost or doubled.
 */
final class LogChecks {

    /** Every planned episode ended once, in the state its lane leads to, with gapless sequence numbers; returns the doubled endings. */
    static int oneEndingEach(Map<String, Lane> plan, Map<String, EpisodeLogReplay.Episode> replay, List<String> problems) {
        int doubled = 0;
        for (Map.Entry<String, Lane> planned : plan.entrySet()) {
            EpisodeLogReplay.Episode episode = replay.get(planned.getKey());
            if (episode == null) {
                problems.add("no events for episode " + planned.getKey());
                continue;
            }
            if (episode.endings().size() > 1) {
                doubled++;
            }
            if (!episode.endings().equals(List.of(planned.getValue().ending))) {
                problems.add(planned.getKey() + " ended " + episode.endings() + ", expected " + planned.getValue().ending);
            }
            if (!episode.hasGaplessSequence()) {
                problems.add(planned.getKey() + " has gaps or repeats in its sequence numbers");
            }
        }
        return doubled;
    }

    /** At most one command of each kind per episode: a crash must not make a runtime resume or stop twice. */
    static int noDoubleCommands(List<ConsumerRecord<String, EpisodeCommand>> commands, List<String> problems) {
        Map<String, Map<CommandType, Long>> byEpisode = commands.stream()
                .filter(record -> record.value() != null)
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.groupingBy(record -> record.value().getType(), Collectors.counting())));
        int doubled = 0;
        for (Map.Entry<String, Map<CommandType, Long>> episode : byEpisode.entrySet()) {
            for (CommandType type : EnumSet.of(CommandType.START, CommandType.RESUME, CommandType.REJECT, CommandType.EXPIRE)) {
                long count = episode.getValue().getOrDefault(type, 0L);
                if (count > 1) {
                    doubled++;
                    problems.add(episode.getKey() + " got " + count + " " + type + " commands");
                }
            }
        }
        return doubled;
    }

    /** Each decision answered 200 or 202 has its outcome, and its RESUME or REJECT carries the decision's id; returns the lost ones. */
    static int acceptedDecisionsKept(Map<String, AcceptedDecision> accepted,
            List<ConsumerRecord<String, DecisionOutcome>> outcomes, List<ConsumerRecord<String, EpisodeCommand>> commands,
            List<String> problems) {
        Map<String, List<DecisionOutcome>> outcomesByDecision = outcomes.stream().map(ConsumerRecord::value)
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(DecisionOutcome::getDecisionId));
        Map<String, EpisodeCommand> commandsById = commands.stream().map(ConsumerRecord::value).filter(Objects::nonNull)
                .collect(Collectors.toMap(EpisodeCommand::getCommandId, Function.identity(), (first, again) -> first));
        int lost = 0;
        for (AcceptedDecision decision : accepted.values()) {
            CommandType expected = decision.lane() == Lane.APPROVE ? CommandType.RESUME : CommandType.REJECT;
            DecisionOutcome outcome = outcomesByDecision.getOrDefault(decision.decisionId(), List.of()).stream()
                    .filter(DecisionOutcome::getAccepted).findFirst().orElse(null);
            EpisodeCommand command = outcome == null || outcome.getCommandId() == null ? null
                    : commandsById.get(outcome.getCommandId());
            if (outcome == null) {
                lost++;
                problems.add("decision " + decision.decisionId() + " answered " + decision.status() + " has no accepted outcome");
            } else if (command == null || command.getType() != expected
                    || !command.getDecisionIds().contains(decision.decisionId())) {
                lost++;
                problems.add("decision " + decision.decisionId() + " has no " + expected + " command carrying it");
            } else if (decision.commandId() != null && !decision.commandId().equals(command.getCommandId())) {
                problems.add("decision " + decision.decisionId() + " was answered with command " + decision.commandId()
                        + " but the topic has " + command.getCommandId());
            }
        }
        return lost;
    }

    /**
     * Runs an audit replay ("verify" the chain, or "rebuild" the trail from the topics and compare) through
     * audit-service's API and tells whether it passed. The trail may still be catching up with the last
     * records when the episodes have ended, so a replay that fails is tried again a few times; a broken
     * chain or a lost record stays broken.
     */
    static boolean auditReplayPasses(String auditServiceUrl, String auditorToken, String kind) throws InterruptedException {
        JsonHttp http = new JsonHttp();
        for (int attempt = 1; attempt <= 5; attempt++) {
            JsonHttp.Answer started = http.post(auditServiceUrl + "/audit/replays", auditorToken, Map.of("kind", kind));
            assertEquals(202, started.status(), "POST /audit/replays answered " + started.body());
            JsonHttp.Answer replay = started;
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
            while (!Set.of("done", "failed").contains(replay.text("state")) && Instant.now().isBefore(giveUp)) {
                Thread.sleep(500);
                replay = http.get(auditServiceUrl + "/audit/replays/" + started.text("id"), auditorToken);
            }
            if (replay.body().path("passed").asBoolean(false)) {
                return true;
            }
            System.out.println("Audit " + kind + " attempt " + attempt + ": " + replay.body());
            Thread.sleep(5000);
        }
        return false;
    }

    static long countLane(Map<String, AcceptedDecision> decisions, Lane lane) {
        return decisions.values().stream().filter(decision -> decision.lane() == lane).count();
    }

    private LogChecks() {
    }
}
