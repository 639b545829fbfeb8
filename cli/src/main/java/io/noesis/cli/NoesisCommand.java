package io.noesis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The noesis command line; auditors use its audit commands. */
@Command(name = "noesis", mixinStandardHelpOptions = true, version = "noesis 0.1.0",
        description = "Noesis Approvals from the command line.", subcommands = AuditCommand.class)
public class NoesisCommand {

    /** Exit code when the audit found a broken chain or a difference, or a call failed. */
    public static final int FAILED = 1;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Usage errors exit with 2 (picocli's default); failures print one line and exit with 1. */
    static CommandLine commandLine() {
        return new CommandLine(new NoesisCommand()).setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("noesis: " + failure.getMessage());
            return FAILED;
        });
    }
}
