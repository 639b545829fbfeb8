package io.noesis.policy.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the selected policies over an episode or a proposed action and combines what they say into one evaluation. */
public final class PolicyEngine {

    public static final String SELECTION_POLICY = "policy_selection";
    public static final String REQUEST_CONTEXT_POLICY = "request_context";

    private final String ruleSetVersion;
    private final Map<String, DirectedIntuition> policies = new LinkedHashMap<>();

    public PolicyEngine(String ruleSetVersion, List<? extends DirectedIntuition> policies) {
        this.ruleSetVersion = ruleSetVersion;
        policies.forEach(policy -> {
            if (this.policies.putIfAbsent(policy.name(), policy) != null) {
                throw new IllegalArgumentException("two policies are named " + policy.name());
            }
        });
    }

    public String ruleSetVersion() {
        return ruleSetVersion;
    }

    public List<DirectedIntuition> policies() {
        return List.copyOf(policies.values());
    }

    public Evaluation evaluate(EpisodeContext context, PolicySelection selection) {
        List<DirectedIntuition> selected = selected(selection);
        List<Intervention> interventions = new ArrayList<>();
        for (DirectedIntuition policy : selected) {
            policy.advise(context).ifPresent(advice ->
                    interventions.add(new Intervention(policy.name(), policy.version(), context.target(), advice)));
        }
        List<Intervention> waived = applyWaivers(selected, interventions);
        unknownPolicies(selection, context.target()).ifPresent(waived::add);
        return Evaluation.combine(ruleSetVersion, waived);
    }

    /**
     * An action proposed in an episode whose request this service never saw cannot be judged in context;
     * it fails closed rather than being judged on its text alone.
     */
    public Evaluation withoutRequestContext(ProposedAction action) {
        return Evaluation.combine(ruleSetVersion, List.of(Intervention.failClosed(REQUEST_CONTEXT_POLICY, "1",
                Target.ACTION, "no request is known for this episode, so the action cannot be judged in its context",
                "Policies judge an action together with the request it serves.")));
    }

    private List<DirectedIntuition> selected(PolicySelection selection) {
        if (selection instanceof PolicySelection.Named named) {
            return named.names().stream().filter(policies::containsKey).map(policies::get).toList();
        }
        return selection instanceof PolicySelection.All ? policies() : List.of();
    }

    /** An allow rule that fired waives the approval of the policies it names; what they found stays recorded. */
    private static List<Intervention> applyWaivers(List<DirectedIntuition> selected, List<Intervention> interventions) {
        List<String> firedAllowRules = interventions.stream().map(Intervention::policy).toList();
        List<AllowRule> waivers = selected.stream()
                .filter(policy -> policy instanceof AllowRule && firedAllowRules.contains(policy.name()))
                .map(AllowRule.class::cast)
                .toList();
        List<Intervention> result = new ArrayList<>();
        for (Intervention intervention : interventions) {
            Optional<AllowRule> waiver = waivers.stream()
                    .filter(allow -> intervention.requiresApproval() && allow.waives(intervention.policy()))
                    .findFirst();
            result.add(waiver.map(allow -> intervention.waivedBy(allow.name())).orElse(intervention));
        }
        return result;
    }

    /** The names a selection asks for that this rule set does not have. */
    public List<String> unknownNames(PolicySelection selection) {
        if (!(selection instanceof PolicySelection.Named named)) {
            return List.of();
        }
        return named.names().stream().filter(name -> !policies.containsKey(name)).toList();
    }

    /**
     * A request that names a policy this rule set lacks fails closed: skipping the policy silently would
     * let an episode run without the check its requester asked for.
     */
    private Optional<Intervention> unknownPolicies(PolicySelection selection, Target target) {
        List<String> unknown = unknownNames(selection);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Intervention.failClosed(SELECTION_POLICY, "1", target,
                "unknown policy selected: " + String.join(", ", unknown),
                "The request asked for a policy this rule set does not have; it cannot be checked as asked."));
    }
}
