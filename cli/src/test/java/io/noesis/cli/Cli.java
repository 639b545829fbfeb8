package io.noesis.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs noesis in the test's JVM with the environment given, and keeps what it printed. */
final class Cli {

    private final Map<String, String> env;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    Cli(Map<String, String> env) {
        this.env = env;
    }

    /** The environment of a caller with a token and the three services at these addresses. */
    static Cli against(StubService episodes, StubService approvals, StubService audit) {
        return new Cli(Map.of("NOESIS_TOKEN", "t0k", "NOESIS_EPISODE_URL", episodes.url(),
                "NOESIS_APPROVAL_URL", approvals.url(), "NOESIS_AUDIT_URL", audit.url()));
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = NoesisCommand.commandLine(env);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
