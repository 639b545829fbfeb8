package io.noesis.policy.domain;

import java.util.Optional;

/** A policy: it looks at an episode and, when something needs saying, advises how the episode should proceed. */
public interface DirectedIntuition {

    /** The name a request uses to select this policy. */
    String name();

    /** Changes whenever the policy's behaviour changes, so an evaluation can be traced to the rules that made it. */
    String version();

    /** One sentence for the people who choose policies. */
    String description();

    Optional<Advice> advise(EpisodeContext context);
}
