package io.noesis.policy.plugins;

import io.noesis.policy.domain.Advice;
import io.noesis.policy.domain.ApprovalTerms;
import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.domain.EpisodeContext;
import io.noesis.policy.domain.Patch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/** Custom policies as an organisation would write them in its own jar. */
public final class SamplePlugins {

    /** Holds anything that touches the billing system, for two approvers from finance. */
    public static final class Billing implements DirectedIntuition {

        @Override
        public String name() {
            return "acme_billing";
        }

        @Override
        public String version() {
            return "2.1";
        }

        @Override
        public String description() {
            return "Billing changes need finance.";
        }

        @Override
        public Optional<Advice> advise(EpisodeContext context) {
            if (!context.subjectText().toLowerCase().contains("billing")) {
                return Optional.empty();
            }
            return Optional.of(new Advice("Ask finance.", new Patch(true, "touches billing"), "Money moves.", 0.9,
                    new ApprovalTerms(2, "finance", 1800L)));
        }
    }

    /** A policy whose backing service is down. */
    public static final class Broken implements DirectedIntuition {

        @Override
        public String name() {
            return "acme_broken";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public String description() {
            return "Calls a service that is down.";
        }

        @Override
        public Optional<Advice> advise(EpisodeContext context) {
            throw new IllegalStateException("risk service unreachable");
        }
    }

    /** A jar as an organisation ships it, declaring both policies (whose classes are on the test class path). */
    public static Path writeJar(Path directory) throws IOException {
        Path jar = directory.resolve("acme-policies.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/services/" + DirectedIntuition.class.getName()));
            zip.write((Billing.class.getName() + "\n" + Broken.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    private SamplePlugins() {
    }
}
