package io.noesis.policy.domain;

import java.util.Optional;

/**
 * A policy: it looks at an episode (and the action its agent proposes, if any) and, when something needs
 * saying, advises how the episode should proceed. Organisations implement it in their own jar, name the
 * class in META-INF/services/io.noesis.policy.domain.DirectedIntuition and drop the jar into
 * noesis.policy.plugins-dir; a custom policy that throws or answers nonsense holds the episode.
 */
public interface DirectedIntuition {

    /** The name a request uses to select this policy. */
    String name();

    /** Changes whenever the policy's behaviour changes, so an evaluation can be traced to the rules that made it. */
    String version();

    /** One sentence for the people who choose policies. */
    String description();

    Optional<Advice> advise(EpisodeContext context);
}
