package io.noesis.episode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.service.instances.ForwardedAnswerException;
import io.noesis.service.instances.InstanceClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.HostInfo;

/** An episode's live events from the instance that owns it, passed on to the caller as they come. */
@ApplicationScoped
public class ForwardedEventStream {

    private static final String SSE_DATA = "data:";

    private final InstanceClient instances;
    private final ObjectMapper json;

    public ForwardedEventStream(InstanceClient instances, ObjectMapper json) {
        this.instances = instances;
        this.json = json;
    }

    /** The other instance's server-sent events, as they come, until it ends the stream. */
    Multi<EpisodeLog.Entry> stream(HostInfo instance, URI request, String authorization) {
        HttpResponse<Stream<String>> answer = instances.send(instance, request, authorization, MediaType.SERVER_SENT_EVENTS,
                HttpResponse.BodyHandlers.ofLines());
        if (answer.statusCode() != 200) {
            try (Stream<String> lines = answer.body()) {
                throw ForwardedAnswerException.of(answer, String.join("\n", lines.toList()).getBytes(StandardCharsets.UTF_8));
            }
        }
        Stream<String> lines = answer.body();
        return Multi.createFrom().<EpisodeLog.Entry>emitter(emitter -> {
            // Closing the lines closes the connection: a caller who goes away stops the other instance's stream too.
            emitter.onTermination(lines::close);
            try {
                lines.filter(line -> line.startsWith(SSE_DATA))
                        .forEach(line -> emitter.emit(entry(line.substring(SSE_DATA.length()).trim())));
                emitter.complete();
            } catch (UncheckedIOException e) {
                // After the caller went away the read fails because the lines were closed: nobody to tell.
                if (!emitter.isCancelled()) {
                    emitter.fail(e);
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private EpisodeLog.Entry entry(String data) {
        try {
            return json.readValue(data, EpisodeLog.Entry.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
