package io.noesis.audit.domain;

import io.noesis.schemas.EpisodeRequest;
import java.util.List;

/** A client asked for an episode. */
public final class RequestNarrator implements Narrator<EpisodeRequest> {

    @Override
    public Narration narrate(EpisodeRequest request) {
        String environment = request.getEnvironment() == null ? "" : " in " + request.getEnvironment();
        return new Narration(Wording.orUnknown(request.getRequestedBy()), "REQUESTED",
                "asked for task " + Wording.quoted(request.getTask()) + environment
                        + ", policies: " + selection(request.getIntuition()));
    }

    static String selection(Object intuition) {
        if (Boolean.FALSE.equals(intuition)) {
            return "none";
        }
        if (intuition instanceof List<?> names) {
            return Wording.listOf(names.stream().map(String::valueOf).toList(), "none");
        }
        return "all";
    }
}
