package io.noesis.policy.rules;

import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.domain.PolicyEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The policies in force: a rule file's rules plus the custom policies. An operator edits the file and
 * reloadIfChanged picks the change up; a file that cannot serve is refused and the previous rules keep
 * serving, its error shown in the status until a good file replaces it.
 */
public final class LiveRuleSet {

    public static final String DEFAULT_RULES = "noesis-policies.yaml";
    private static final Logger LOG = Logger.getLogger(LiveRuleSet.class);

    /** What is in force and since when, and why the latest attempt to change it failed (null if it did not). */
    public record Status(String ruleSetVersion, String source, Instant loadedAt, String lastLoadError,
            Instant lastLoadErrorAt) {
    }

    private final Path file;
    private final List<DirectedIntuition> customPolicies;
    private final Clock clock;
    private volatile PolicyEngine engine;
    private volatile Status status;
    private String lastText;

    private LiveRuleSet(Path file, String text, List<DirectedIntuition> customPolicies, Clock clock)
            throws RuleFileParser.InvalidRuleFile {
        this.file = file;
        this.customPolicies = List.copyOf(customPolicies);
        this.clock = clock;
        this.engine = build(text);
        this.lastText = text;
        this.status = new Status(engine.ruleSetVersion(), source(), clock.instant(), null, null);
    }

    /** The rules of an operator's file, which must be good at start: there is nothing yet to fall back on. */
    public static LiveRuleSet watching(Path file, List<DirectedIntuition> customPolicies, Clock clock)
            throws RuleFileParser.InvalidRuleFile {
        try {
            return new LiveRuleSet(file, Files.readString(file), customPolicies, clock);
        } catch (IOException error) {
            throw new UncheckedIOException("cannot read the rule file " + file, error);
        }
    }

    /** The rules shipped with the service, which do not change while it runs. */
    public static LiveRuleSet shipped(List<DirectedIntuition> customPolicies, Clock clock)
            throws RuleFileParser.InvalidRuleFile {
        try (InputStream in = Objects.requireNonNull(LiveRuleSet.class.getResourceAsStream("/" + DEFAULT_RULES),
                DEFAULT_RULES + " is missing from the service")) {
            return new LiveRuleSet(null, new String(in.readAllBytes(), StandardCharsets.UTF_8), customPolicies, clock);
        } catch (IOException error) {
            throw new UncheckedIOException("cannot read the shipped rules", error);
        }
    }

    public PolicyEngine engine() {
        return engine;
    }

    public Status status() {
        return status;
    }

    /** Loads the file again if its text changed since the last attempt, good or bad. */
    public synchronized void reloadIfChanged() {
        if (file == null) {
            return;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException error) {
            refuse(file + ": cannot read the file: " + error.getMessage());
            lastText = null;
            return;
        }
        if (text.equals(lastText)) {
            return;
        }
        lastText = text;
        try {
            engine = build(text);
            status = new Status(engine.ruleSetVersion(), source(), clock.instant(), null, null);
            LOG.infof("rule set %s loaded from %s", engine.ruleSetVersion(), file);
        } catch (RuleFileParser.InvalidRuleFile error) {
            refuse(error.getMessage());
        }
    }

    private void refuse(String error) {
        status = new Status(status.ruleSetVersion(), status.source(), status.loadedAt(), error, clock.instant());
        LOG.errorf("rule file refused, rule set %s keeps serving: %s", status.ruleSetVersion(), error);
    }

    private PolicyEngine build(String text) throws RuleFileParser.InvalidRuleFile {
        RuleFile rules = RuleFileParser.parse(source(), text);
        List<DirectedIntuition> policies = new ArrayList<>(rules.rules());
        policies.addAll(customPolicies);
        try {
            return new PolicyEngine(rules.version(), policies);
        } catch (IllegalArgumentException clash) {
            throw new RuleFileParser.InvalidRuleFile(source() + ": " + clash.getMessage(), clash);
        }
    }

    private String source() {
        return file == null ? "classpath:" + DEFAULT_RULES : file.toString();
    }
}
