package io.noesis.policy.domain;

import java.util.List;

/**
 * What an episode's request said, kept so that the actions its agent proposes later are judged in its light.
 * selectedPolicies is null when the request selected every policy.
 */
public record RequestContext(EpisodeContext episode, List<String> selectedPolicies) {

    public static RequestContext of(EpisodeContext episode, PolicySelection selection) {
        List<String> names = null;
        if (selection instanceof PolicySelection.Named named) {
            names = named.names();
        } else if (selection instanceof PolicySelection.None) {
            names = List.of();
        }
        return new RequestContext(episode, names);
    }

    public PolicySelection selection() {
        return selectedPolicies == null ? PolicySelection.all() : PolicySelection.named(selectedPolicies);
    }
}
