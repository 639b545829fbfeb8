package io.noesis.episode.domain;

import io.noesis.schemas.Intervention;

/** One policy's intervention as the episode summary shows it. */
public record AppliedIntervention(String policy, String policyVersion, String advice, boolean requiresApproval,
        String riskReason, String target, String rationale) {

    public static AppliedIntervention of(Intervention intervention) {
        return new AppliedIntervention(intervention.getPolicy(), intervention.getPolicyVersion(), intervention.getAdvice(),
                intervention.getPatch().getRequiresApproval(), intervention.getPatch().getRiskReason(),
                intervention.getTarget().name(), intervention.getRationale());
    }
}
