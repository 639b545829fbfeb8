package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.deploy.runtime.Service;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The episodes, newest first: GET /episodes with its filters and cursor. */
@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Episodes, newest first, one a line: id, status, created, requester, task.",
        footerHeading = "%nExamples:%n",
        footer = {"  noesis runs --status AWAITING_APPROVAL",
                "  noesis runs --tag team=data --created-after 2026-11-25T00:00:00Z --all --json"})
final class RunsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "REQUESTED, EVALUATING, RUNNING, AWAITING_APPROVAL, COMPLETED, FAILED, REJECTED, EXPIRED or CANCELLED.")
    String status;

    @Option(names = {"-t", "--tag"}, paramLabel = "KEY=VALUE", description = "Only episodes with this tag.")
    String tag;

    @Option(names = "--parent", paramLabel = "EPISODE_ID", description = "Only the episodes that are part of this one.")
    String parentEpisodeId;

    @Option(names = "--created-after", paramLabel = "INSTANT", description = "ISO-8601, e.g. 2026-11-25T00:00:00Z.")
    String createdAfter;

    @Option(names = "--created-before", paramLabel = "INSTANT", description = "ISO-8601.")
    String createdBefore;

    @Mixin
    Listing.PageOptions page;

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("tag", tag == null ? null : apiTag(tag));
        query.put("parent_episode_id", parentEpisodeId);
        query.put("created_after", createdAfter);
        query.put("created_before", createdBefore);
        JsonNode episodes = Listing.fetch(NoesisCommand.of(spec).client(Service.EPISODE, spec), "episodes", query,
                "episodes", page);
        Listing.print(Output.of(spec), episodes, "episodes", RunsCommand::line, "noesis runs ...");
        return ExitCodes.OK;
    }

    private static String line(JsonNode episode) {
        return String.format("%-36s  %-17s  %-24s  %-10s  %s", episode.path("episode_id").asText(),
                episode.path("status").asText(), Output.text(episode.path("created_at")),
                Output.text(episode.path("requested_by")), episode.path("task").asText());
    }

    /** The API filters on key:value; the CLI takes tags as key=value everywhere. */
    private String apiTag(String keyAndValue) {
        int equals = keyAndValue.indexOf('=');
        if (equals < 1) {
            throw new ParameterException(spec.commandLine(), "--tag must be KEY=VALUE, was " + keyAndValue);
        }
        return keyAndValue.substring(0, equals) + ":" + keyAndValue.substring(equals + 1);
    }
}
