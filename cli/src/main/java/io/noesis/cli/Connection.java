package io.noesis.cli;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where audit-service answers and who the caller is. */
class Connection {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--url", defaultValue = "${env:NOESIS_AUDIT_URL:-http://127.0.0.1:8084}",
            description = "audit-service's address (default: ${DEFAULT-VALUE}; env NOESIS_AUDIT_URL).")
    URI url;

    @Option(names = "--token", defaultValue = "${env:NOESIS_TOKEN}",
            description = "A bearer token with the auditor or admin role (env NOESIS_TOKEN).")
    String token;

    /** An empty NOESIS_TOKEN is as missing as none: a usage error, not a call that the service refuses. */
    AuditClient client() {
        if (token == null || token.isBlank()) {
            throw new ParameterException(command.commandLine(), "A token is needed: --token or NOESIS_TOKEN");
        }
        return new AuditClient(url, token);
    }
}
