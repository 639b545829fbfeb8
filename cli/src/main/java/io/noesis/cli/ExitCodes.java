package io.noesis.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** What noesis exits with, so that scripts can tell an answer from a refusal, a typo or an outage. */
final class ExitCodes {

    static final int OK = 0;
    /** Refused (409), not found (404), an episode that ended other than COMPLETED, a broken chain or a difference. */
    static final int REFUSED = 1;
    /** Bad usage: unknown option, missing argument or token, or input the service called invalid (400). */
    static final int USAGE = CommandLine.ExitCode.USAGE;
    /** The service cannot be reached or is unavailable (connection failure, timeout, 5xx). */
    static final int UNREACHABLE = 3;
    /** The decision is recorded but its outcome is not known yet (202): look again later. */
    static final int NOT_KNOWN_YET = 4;
    /** The token was not accepted (401) or lacks the role (403). */
    static final int NOT_AUTHORIZED = 5;

    /** The exit code list every command's --help shows. */
    static Map<String, String> help() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done; with --follow, the episode COMPLETED");
        codes.put("1", "refused (409) or not found (404); a followed episode ended otherwise; a broken chain or a difference");
        codes.put("2", "bad usage, no token, or input the service called invalid (400)");
        codes.put("3", "the service is unreachable or unavailable (connection refused, timeout, 5xx)");
        codes.put("4", "the decision is recorded, its outcome not known yet (202)");
        codes.put("5", "the token was not accepted (401) or lacks the role (403)");
        return codes;
    }

    /** The exit code for an answer with this HTTP status that is not a success. */
    static int forStatus(int status) {
        if (status == 400 || status == 422) {
            return USAGE;
        }
        if (status == 401 || status == 403) {
            return NOT_AUTHORIZED;
        }
        if (status >= 500) {
            return UNREACHABLE;
        }
        return REFUSED;
    }

    private ExitCodes() {
    }
}
