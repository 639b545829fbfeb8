package io.noesis.cli;

import io.noesis.deploy.runtime.Service;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Submits an episode through episode-service's API (POST /episodes) and prints its id. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Submits an episode (an agent doing TASK) and prints its id. The policies judge it within "
                + "a second or two; a risky one waits for an approver.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  noesis run \"drop the orders table\" --env production --tag team=data",
                "  noesis run \"clean the temp folder\" --no-policies --follow",
                "  noesis run \"rotate the keys\" --policies high_risk_keywords --risk-score 0.9 --id rotate-2026-11"})
final class RunCommand implements Callable<Integer> {

    /** How long --follow waits for a new episode to appear: its request travels through Kafka first. */
    static final Duration APPEARANCE = Duration.ofSeconds(30);
    /** The tag that the risk_score policy reads the requester's own estimate from. */
    static final String RISK_SCORE_TAG = "risk_score";

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "TASK", description = "What the agent is to do.")
    String task;

    @Option(names = {"-e", "--env"}, paramLabel = "ENVIRONMENT",
            description = "Where it runs, e.g. production (which the production policy flags).")
    String environment;

    @Option(names = {"-t", "--tag"}, paramLabel = "KEY=VALUE", description = "A tag; repeat for more.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--risk-score", paramLabel = "0..1",
            description = "The requester's own risk estimate, sent as the tag " + RISK_SCORE_TAG
                    + " that a risk_score policy reads.")
    Double riskScore;

    @ArgGroup(exclusive = true)
    PolicySelection policies;

    @Option(names = "--parent", paramLabel = "EPISODE_ID", description = "The episode this one is part of.")
    String parentEpisodeId;

    @Option(names = "--id", paramLabel = "EPISODE_ID",
            description = "Choose the episode id (letters, digits, . _ : -); submitting the same id again changes nothing.")
    String episodeId;

    @Option(names = {"-f", "--follow"},
            description = "Then show its events live until it ends; exit 0 if it COMPLETED, 1 if it ended otherwise.")
    boolean follow;

    /** The request's intuition: every policy (the default), none, or the named ones. */
    static class PolicySelection {
        @Option(names = "--policies", split = ",", paramLabel = "NAME", required = true,
                description = "Only these policies judge it (an unknown name holds it for approval).")
        List<String> names;

        @Option(names = "--no-policies", required = true, description = "No policy judges it.")
        boolean none;

        Object intuition() {
            return none ? Boolean.FALSE : names;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServiceClient episodes = NoesisCommand.of(spec).client(Service.EPISODE, spec);
        ServiceClient.Answer accepted = episodes.post("episodes", request());
        String id = accepted.body().path("episode_id").asText();
        Output output = Output.of(spec);
        output.print(accepted.body(), out -> out.println(id));
        return follow ? new EpisodeEvents(episodes, output, id, 1).follow(APPEARANCE) : ExitCodes.OK;
    }

    /** The body of POST /episodes in the API's terms; what is not given is left out. */
    private Map<String, Object> request() {
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        if (riskScore != null) {
            if (!(riskScore >= 0.0 && riskScore <= 1.0)) {
                throw new ParameterException(spec.commandLine(), "--risk-score must be from 0 to 1, was " + riskScore);
            }
            allTags.put(RISK_SCORE_TAG, riskScore.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task", task);
        putIfSet(body, "intuition", policies == null ? null : policies.intuition());
        putIfSet(body, "tags", allTags.isEmpty() ? null : allTags);
        putIfSet(body, "environment", environment);
        putIfSet(body, "parent_episode_id", parentEpisodeId);
        putIfSet(body, "episode_id", episodeId);
        return body;
    }

    private static void putIfSet(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
