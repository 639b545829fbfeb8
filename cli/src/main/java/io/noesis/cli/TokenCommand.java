package io.noesis.cli;

import io.noesis.deploy.runtime.StackSettings;
import io.noesis.deploy.security.LocalIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A bearer token from the local run's issuer, as deploy/local/token mints it: the same key folder, the
 * same claims. Services of any other deployment trust their own identity provider instead.
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mints a bearer token for USER with the local run's issuer (its keys are in the data folder "
                + "of deploy/local/up) and prints it.",
        footerHeading = "%nExamples:%n",
        footer = {"  export NOESIS_TOKEN=$(noesis token alice --roles requester)",
                "  noesis token bob --roles approver --groups sre,dba --ttl PT1H"})
final class TokenCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "USER", description = "The token's subject: who the services take the caller to be.")
    String user;

    @Option(names = "--roles", split = ",", paramLabel = "ROLE", defaultValue = "requester",
            description = "requester, approver, auditor, admin (default: ${DEFAULT-VALUE}).")
    Set<String> roles;

    @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "Approver groups, e.g. sre,dba.")
    Set<String> groups = Set.of();

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "PT8H",
            description = "How long it is valid, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--home", paramLabel = "DIR",
            description = "The project checkout (default: ${DEFAULT-VALUE}; env NOESIS_HOME).")
    Path home;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The local run's data folder, relative to the checkout (default: ${DEFAULT-VALUE}; env NOESIS_DATA_DIR).")
    Path dataDir;

    @Override
    public Integer call() {
        Path checkout = home.toAbsolutePath().normalize();
        Path keys = StackSettings.defaults(checkout, checkout.resolve(dataDir).normalize()).keyDir();
        String token = LocalIssuer.inDirectory(keys).mint(user, roles, groups, ttl);
        Output output = Output.of(spec);
        output.print(ServiceClient.JSON.createObjectNode().put("subject", user).put("token", token),
                out -> out.println(token));
        return ExitCodes.OK;
    }
}
