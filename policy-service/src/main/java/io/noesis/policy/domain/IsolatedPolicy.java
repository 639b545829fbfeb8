package io.noesis.policy.domain;

import java.util.Optional;

/**
 * A custom policy from an organisation's own jar, kept from harming the evaluation: whatever goes wrong in
 * it (an exception, a null, advice without a patch or terms) holds the episode with the error as the reason.
 */
public final class IsolatedPolicy implements DirectedIntuition {

    private final DirectedIntuition policy;
    private final String name;
    private final String version;
    private final String description;

    public IsolatedPolicy(DirectedIntuition policy) {
        this.policy = policy;
        this.name = policy.name();
        this.version = policy.version();
        this.description = policy.description();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        try {
            Optional<Advice> advice = policy.advise(context);
            if (advice == null) {
                return failed("returned null instead of an Optional");
            }
            if (advice.isPresent() && (advice.get().patch() == null || advice.get().terms() == null)) {
                return failed("returned advice without a patch or approval terms");
            }
            return advice;
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError error) {
            // Errors of the policy's own making; the JVM's own distress (out of memory) is not the policy's verdict.
            return failed("failed: " + error);
        }
    }

    private Optional<Advice> failed(String problem) {
        return Optional.of(new Advice(Advice.HOLD_FOR_APPROVAL,
                new Patch(true, "custom policy " + name + " " + problem),
                "A policy that cannot give its verdict must not let the episode through unchecked.",
                Intervention.FAIL_CLOSED_RISK, ApprovalTerms.ANY_SINGLE_APPROVER));
    }
}
