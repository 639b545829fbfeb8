package io.noesis.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The built-in policies' settings; each one can be given as -Dnoesis.policy.… or NOESIS_POLICY_… . */
@ConfigMapping(prefix = "noesis.policy")
public interface PolicyConfig {

    /** Words that make a task high-risk, matched case-insensitively as whole words. */
    @WithDefault("delete,drop,truncate,deploy,rollback")
    List<String> keywords();

    /** Environment names that mean production, in the environment field, an env tag or the task. */
    @WithDefault("prod,production")
    List<String> productionEnvironments();

    /** Who approves what the high_risk_keywords policy flags. */
    Approval highRiskKeywords();

    /** Who approves what the production_environment policy flags. */
    Approval productionEnvironment();

    interface Approval {
        @WithDefault("1")
        int requiredApprovals();

        /** Empty: any approver may decide. */
        Optional<String> approverGroup();

        /** Empty: the approval service's default timeout. */
        OptionalLong approvalTimeoutSeconds();
    }
}
