package io.noesis.policy.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the selected policies over an episode and combines what they say into one evaluation. */
public final class PolicyEngine {

    public static final String RULE_SET_VERSION = "builtin-1";
    public static final String SELECTION_POLICY = "policy_selection";
    static final double UNKNOWN_POLICY_RISK = 1.0;

    private final Map<String, DirectedIntuition> policies = new LinkedHashMap<>();

    public PolicyEngine(List<DirectedIntuition> policies) {
        policies.forEach(policy -> this.policies.put(policy.name(), policy));
    }

    public String ruleSetVersion() {
        return RULE_SET_VERSION;
    }

    public List<DirectedIntuition> policies() {
        return List.copyOf(policies.values());
    }

    public Evaluation evaluate(EpisodeContext context, PolicySelection selection) {
        List<Intervention> interventions = new ArrayList<>();
        for (DirectedIntuition policy : selected(selection)) {
            policy.advise(context).ifPresent(advice ->
                    interventions.add(new Intervention(policy.name(), policy.version(), Target.PLAN, advice)));
        }
        unknownPolicies(selection).ifPresent(interventions::add);
        return Evaluation.combine(RULE_SET_VERSION, interventions);
    }

    private List<DirectedIntuition> selected(PolicySelection selection) {
        if (selection instanceof PolicySelection.Named named) {
            return named.names().stream().filter(policies::containsKey).map(policies::get).toList();
        }
        return selection instanceof PolicySelection.All ? policies() : List.of();
    }

    /**
     * A request that names a policy this rule set lacks fails closed: skipping the policy silently would
     * let an episode run without the check its requester asked for.
     */
    private Optional<Intervention> unknownPolicies(PolicySelection selection) {
        if (!(selection instanceof PolicySelection.Named named)) {
            return Optional.empty();
        }
        List<String> unknown = named.names().stream().filter(name -> !policies.containsKey(name)).toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        Advice advice = new Advice(
                Advice.HOLD_FOR_APPROVAL,
                new Patch(true, "unknown policy selected: " + String.join(", ", unknown)),
                "The request asked for a policy this rule set does not have; it cannot be checked as asked.",
                UNKNOWN_POLICY_RISK,
                ApprovalTerms.ANY_SINGLE_APPROVER);
        return Optional.of(new Intervention(SELECTION_POLICY, "1", Target.PLAN, advice));
    }
}
