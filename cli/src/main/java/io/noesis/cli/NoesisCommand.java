package io.noesis.cli;

import io.noesis.deploy.runtime.Service;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The noesis command line. Its options apply to every command and may stand before or after the command's
 * name; each command reaches the services through {@link #client}.
 */
@Command(name = "noesis", mixinStandardHelpOptions = true, version = "noesis 0.1.0",
        description = "Noesis Approvals from the command line: run episodes and follow them, approve or reject "
                + "what waits for a human, and audit who decided what.",
        subcommands = {RunCommand.class, EventsCommand.class, SummaryCommand.class, RunsCommand.class,
                ApprovalsCommand.class, DecisionCommand.Approve.class, DecisionCommand.Reject.class, AuditCommand.class,
                TokenCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  export NOESIS_TOKEN=$(noesis token alice --roles requester)",
                "  EPISODE=$(noesis run \"drop the orders table\" --env production --tag team=data)",
                "  noesis events $EPISODE --follow",
                "  NOESIS_TOKEN=$(noesis token bob --roles approver --groups sre) noesis approve $EPISODE --reason \"ticket 42\"",
                "  noesis runs --status AWAITING_APPROVAL --json | jq -r '.episodes[].episode_id'"})
public class NoesisCommand {

    /** The options that name a service's address, and the service whose local-run port is their default. */
    private static final Map<String, Service> ADDRESS_OPTIONS = Map.of(
            "--episode-url", Service.EPISODE, "--approval-url", Service.APPROVAL, "--audit-url", Service.AUDIT);

    @Option(names = "--episode-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "episode-service (default: ${DEFAULT-VALUE}; env NOESIS_EPISODE_URL).")
    URI episodeUrl;

    @Option(names = "--approval-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "approval-service (default: ${DEFAULT-VALUE}; env NOESIS_APPROVAL_URL).")
    URI approvalUrl;

    @Option(names = "--audit-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "audit-service (default: ${DEFAULT-VALUE}; env NOESIS_AUDIT_URL).")
    URI auditUrl;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT",
            description = "The bearer token (default: env NOESIS_TOKEN). For the local run: noesis token NAME --roles ...")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the services' JSON (one document, or one per line for streams) instead of text.")
    boolean json;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line with its defaults taken from env; failures print readably and exit with their code. */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine line = new CommandLine(new NoesisCommand());
        line.setDefaultValueProvider(defaults(env));
        line.setExecutionExceptionHandler(NoesisCommand::failed);
        showExitCodes(line);
        return line;
    }

    /** The root command of the command that runs, for the options every command shares. */
    static NoesisCommand of(CommandSpec command) {
        return (NoesisCommand) command.root().userObject();
    }

    /** A client of the service, with the token; no token is a usage error. */
    ServiceClient client(Service service, CommandSpec command) {
        if (token == null || token.isBlank()) {
            throw new ParameterException(command.commandLine(), "A token is needed: --token or NOESIS_TOKEN "
                    + "(for the local run: export NOESIS_TOKEN=$(noesis token NAME --roles ROLE))");
        }
        URI address = switch (service) {
            case EPISODE -> episodeUrl;
            case APPROVAL -> approvalUrl;
            case AUDIT -> auditUrl;
            case POLICY -> throw new IllegalArgumentException("No command calls " + service.module());
        };
        return new ServiceClient(service.module(), address, token);
    }

    /**
     * Defaults from the environment. A service's address: NOESIS_<SERVICE>_URL, else the local run's loopback
     * address with its port (NOESIS_<SERVICE>_PORT, as deploy/local/up reads it, else the service's default port).
     */
    private static CommandLine.IDefaultValueProvider defaults(Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        ADDRESS_OPTIONS.forEach((option, service) -> values.put(option,
                env.getOrDefault("NOESIS_" + service.name() + "_URL", "http://127.0.0.1:"
                        + env.getOrDefault("NOESIS_" + service.name() + "_PORT", Integer.toString(service.defaultPort())))));
        values.put("--token", env.get("NOESIS_TOKEN"));
        // Where deploy/local/up keeps the local run's keys, as deploy/local/token looks for them.
        values.put("--home", env.getOrDefault("NOESIS_HOME", "."));
        values.put("--data-dir", env.getOrDefault("NOESIS_DATA_DIR", ".noesis/local"));
        return argument -> argument instanceof OptionSpec option ? values.get(option.longestName()) : null;
    }

    /** A service's refusal is printed readably on standard error and, with --json, as its problem document on standard output. */
    private static int failed(Exception failure, CommandLine line, CommandLine.ParseResult parsed) {
        if (failure instanceof ServiceFailure refused) {
            if (of(line.getCommandSpec()).json && refused.problem() != null) {
                line.getOut().println(refused.problem());
                line.getOut().flush();
            }
            line.getErr().println("noesis: " + refused.getMessage());
            return refused.exitCode();
        }
        line.getErr().println("noesis: " + failure.getMessage());
        return ExitCodes.REFUSED;
    }

    private static void showExitCodes(CommandLine line) {
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
        line.getSubcommands().values().forEach(NoesisCommand::showExitCodes);
    }
}
