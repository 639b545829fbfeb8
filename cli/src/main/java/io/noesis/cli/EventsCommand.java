package io.noesis.cli;

import io.noesis.deploy.runtime.Service;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An episode's event log: every page of GET /episodes/{id}/events, or live from its event stream. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "An episode's events in order, one a line (with --json, one JSON object a line). "
                + "--follow shows them live, as they happen, until the episode ends.",
        footerHeading = "%nExamples:%n",
        footer = {"  noesis events $EPISODE", "  noesis events $EPISODE --follow --from 5"})
final class EventsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "EPISODE_ID")
    String episodeId;

    @Option(names = "--from", paramLabel = "SEQUENCE", defaultValue = "1",
            description = "The first sequence number shown (default: ${DEFAULT-VALUE}).")
    long fromSequence;

    @Option(names = {"-f", "--follow"},
            description = "Keep showing new events until the episode ends; exit 0 if it COMPLETED, 1 if it ended otherwise.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        EpisodeEvents events = new EpisodeEvents(NoesisCommand.of(spec).client(Service.EPISODE, spec), Output.of(spec),
                episodeId, fromSequence);
        if (follow) {
            return events.follow(Duration.ZERO);
        }
        events.showAll();
        return ExitCodes.OK;
    }
}
