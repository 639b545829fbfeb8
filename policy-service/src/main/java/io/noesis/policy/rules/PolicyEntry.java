package io.noesis.policy.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.noesis.policy.domain.ApprovalTerms;
import io.noesis.policy.domain.Rule;
import java.util.Collection;
import java.util.Map;

/**
 * One policy in the rule file. Each kind builds its rule while the file is parsed, so that a bad value is
 * reported with the line it stands on.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PolicyEntries.Keywords.class, name = "keywords"),
        @JsonSubTypes.Type(value = PolicyEntries.Production.class, name = "production_environment"),
        @JsonSubTypes.Type(value = PolicyEntries.RiskScore.class, name = "risk_score"),
        @JsonSubTypes.Type(value = PolicyEntries.Tags.class, name = "tags"),
        @JsonSubTypes.Type(value = PolicyEntries.Allow.class, name = "allow")})
interface PolicyEntry {

    Rule rule();

    /** Who approves what a policy flags; absent fields mean one approver from any group, the default deadline. */
    record Approval(@JsonProperty("required_approvals") Integer requiredApprovals,
            @JsonProperty("approver_group") String approverGroup,
            @JsonProperty("timeout_seconds") Long timeoutSeconds) {

        ApprovalTerms terms() {
            return new ApprovalTerms(requiredApprovals == null ? 1 : requiredApprovals, approverGroup, timeoutSeconds);
        }
    }

    /** The settings every kind shares; version defaults to "1", the risk score to the kind's own. */
    static Rule.Definition definition(String name, String version, Double riskScore, double defaultRiskScore,
            Approval approval) {
        return new Rule.Definition(name, version == null ? "1" : version,
                riskScore == null ? defaultRiskScore : riskScore,
                approval == null ? ApprovalTerms.ANY_SINGLE_APPROVER : approval.terms());
    }

    static <T extends Collection<?>> T required(String field, T values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(field + " must list at least one value");
        }
        return values;
    }

    static <T extends Map<?, ?>> T required(String field, T values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(field + " must name at least one entry");
        }
        return values;
    }
}
