package io.noesis.policy.config;

import io.noesis.policy.domain.ApprovalTerms;
import io.noesis.policy.domain.HighRiskKeywords;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.ProductionEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** Builds the one policy engine the topology and the dry-run API share, from configuration. */
@ApplicationScoped
public class PolicyEngineProducer {

    @Produces
    @ApplicationScoped
    PolicyEngine policyEngine(PolicyConfig config) {
        return new PolicyEngine(List.of(
                new HighRiskKeywords(config.keywords(), terms(config.highRiskKeywords())),
                new ProductionEnvironment(config.productionEnvironments(), terms(config.productionEnvironment()))));
    }

    private static ApprovalTerms terms(PolicyConfig.Approval approval) {
        Long timeout = approval.approvalTimeoutSeconds().isPresent()
                ? approval.approvalTimeoutSeconds().getAsLong() : null;
        return new ApprovalTerms(approval.requiredApprovals(), approval.approverGroup().orElse(null), timeout);
    }
}
