package io.noesis.policy.config;

import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.plugins.PluginLoader;
import io.noesis.policy.rules.LiveRuleSet;
import io.noesis.policy.rules.RuleFileParser;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Loads the policies once at start, fails the start if they cannot serve, and then watches the rule file. */
@ApplicationScoped
public class LiveRuleSetProducer {

    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "noesis-rule-file-watcher");
        thread.setDaemon(true);
        return thread;
    });

    @Produces
    @Startup
    @Singleton
    LiveRuleSet liveRuleSet(PolicyConfig config) throws RuleFileParser.InvalidRuleFile {
        List<DirectedIntuition> custom = config.pluginsDir().map(PluginLoader::load).orElse(List.of());
        if (config.rulesFile().isEmpty()) {
            return LiveRuleSet.shipped(custom, Clock.systemUTC());
        }
        LiveRuleSet rules = LiveRuleSet.watching(config.rulesFile().get(), custom, Clock.systemUTC());
        long interval = config.rulesPollInterval().toMillis();
        watcher.scheduleWithFixedDelay(rules::reloadIfChanged, interval, interval, TimeUnit.MILLISECONDS);
        return rules;
    }

    @PreDestroy
    void stopWatching() {
        watcher.shutdownNow();
    }
}
