package io.noesis.policy.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.noesis.policy.domain.AllowRule;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A parsed rule file: its version, recorded by every evaluation, and its policies in the order written. */
public record RuleFile(String version, List<Rule> rules) {

    private static final Set<String> RESERVED_NAMES = Set.of(PolicyEngine.SELECTION_POLICY,
            PolicyEngine.REQUEST_CONTEXT_POLICY);

    @JsonCreator
    static RuleFile of(@JsonProperty("version") String version, @JsonProperty("policies") List<PolicyEntry> policies) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is required: every evaluation records it");
        }
        if (policies == null) {
            throw new IllegalArgumentException("policies is required (an empty list for none)");
        }
        List<Rule> rules = policies.stream().map(PolicyEntry::rule).toList();
        checkNames(rules);
        return new RuleFile(version.strip(), rules);
    }

    /** Names select policies and allow rules waive them by name, so every name must be unique and known. */
    private static void checkNames(List<Rule> rules) {
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (RESERVED_NAMES.contains(rule.name())) {
                throw new IllegalArgumentException(rule.name() + " is reserved for the service's own fail-closed checks");
            }
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two policies are named " + rule.name());
            }
        }
        for (Rule rule : rules) {
            if (rule instanceof AllowRule allow) {
                allow.waived().stream().filter(name -> !names.contains(name)).findFirst().ifPresent(name -> {
                    throw new IllegalArgumentException("allow rule " + allow.name()
                            + " waives " + name + ", which is not a policy of this file");
                });
            }
        }
    }
}
