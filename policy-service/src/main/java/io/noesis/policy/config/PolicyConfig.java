package io.noesis.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the policies come from; each setting can be given as -Dnoesis.policy.… or NOESIS_POLICY_… . */
@ConfigMapping(prefix = "noesis.policy")
public interface PolicyConfig {

    /** The operator's rule file (YAML), reloaded when it changes. Empty: the rules shipped with the service. */
    Optional<Path> rulesFile();

    /** How often the rule file is checked for changes. */
    @WithDefault("2s")
    Duration rulesPollInterval();

    /** A directory of jars with custom DirectedIntuition policies. Empty: no custom policies. */
    Optional<Path> pluginsDir();
}
