package io.noesis.cli;

import static io.noesis.cli.StubService.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.deploy.runtime.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every command shares: where the services are, the token, exit codes, help. */
class NoesisCommandTest {

    @Test
    void theDefaultAddressesAreTheLocalRunsPortsUnlessTheEnvironmentSaysOtherwise() {
        Cli defaults = new Cli(Map.of());
        assertEquals(0, defaults.run("summary", "--help"));
        assertTrue(defaults.out().contains("episode-service (default: http://127.0.0.1:" + Service.EPISODE.defaultPort()),
                defaults::out);
        assertTrue(defaults.out().contains("approval-service (default: http://127.0.0.1:" + Service.APPROVAL.defaultPort()),
                defaults::out);
        assertTrue(defaults.out().contains("audit-service (default: http://127.0.0.1:" + Service.AUDIT.defaultPort()),
                defaults::out);

        Cli moved = new Cli(Map.of("NOESIS_EPISODE_PORT", "9180", "NOESIS_AUDIT_URL", "https://audit:8443/n"));
        assertEquals(0, moved.run("summary", "--help"));
        assertTrue(moved.out().contains("(default: http://127.0.0.1:9180;"), moved::out);
        assertTrue(moved.out().contains("(default: https://audit:8443/n;"), moved::out);
    }

    @Test
    void globalOptionsStandBeforeOrAfterTheCommandAndOutrankTheEnvironment() throws Exception {
        try (StubService episodes = new StubService(); StubService elsewhere = new StubService()) {
            String summary = "{\"episode_id\":\"ep-1\",\"status\":\"RUNNING\"}";
            episodes.answer(json(200, summary), json(200, summary));
            Cli cli = new Cli(Map.of("NOESIS_TOKEN", "from-env", "NOESIS_EPISODE_URL", elsewhere.url()));

            assertEquals(0, cli.run("--episode-url", episodes.url() + "/", "--token", "given", "--json", "summary", "ep-1"),
                    cli::err);
            assertEquals(0, cli.run("summary", "ep-1", "--json", "--episode-url=" + episodes.url()), cli::err);

            assertEquals("Bearer given", episodes.asked(0).authorization());
            assertEquals("Bearer from-env", episodes.asked(1).authorization());
            assertEquals(ServiceClient.JSON.readTree(summary), ServiceClient.JSON.readTree(cli.out()));
            assertTrue(elsewhere.asked().isEmpty());
        }
    }

    @Test
    void anAddressWithAPathPrefixKeepsIt() throws Exception {
        try (StubService gateway = new StubService()) {
            gateway.answer(json(200, "{\"episode_id\":\"ep-1\"}"));
            Cli cli = new Cli(Map.of("NOESIS_TOKEN", "t", "NOESIS_EPISODE_URL", gateway.url() + "/noesis/episodes"));

            assertEquals(0, cli.run("summary", "ep-1"), cli::err);

            assertEquals("/noesis/episodes/episodes/ep-1/summary", gateway.asked(0).uri());
        }
    }

    @Test
    void noTokenIsAUsageErrorThatSaysWhereToGetOne() {
        Cli cli = new Cli(Map.of());

        assertEquals(2, cli.run("runs"));

        assertTrue(cli.err().startsWith("A token is needed: --token or NOESIS_TOKEN (for the local run: "
                + "export NOESIS_TOKEN=$(noesis token NAME --roles ROLE))"), cli::err);
    }

    @Test
    void aServerErrorWithoutAProblemDocumentExitsThreeWithItsFirstLine() throws Exception {
        try (StubService broken = new StubService()) {
            broken.answer(new StubService.Answer(502, "text/html", "<html>Bad Gateway</html>\n<body>...</body>"));
            Cli cli = new Cli(Map.of("NOESIS_TOKEN", "t", "NOESIS_EPISODE_URL", broken.url()));

            assertEquals(3, cli.run("runs", "--json"));

            assertEquals("noesis: episode-service answered 502: <html>Bad Gateway</html>\n", cli.err());
            assertEquals("", cli.out(), "no problem document to print");
        }
    }

    @Test
    void anUnreachableServiceExitsThree() throws Exception {
        StubService gone = new StubService();
        gone.close();
        Cli cli = new Cli(Map.of("NOESIS_TOKEN", "t", "NOESIS_EPISODE_URL", gone.url()));

        assertEquals(3, cli.run("summary", "ep-1"));

        assertEquals("noesis: Cannot reach episode-service at " + gone.url() + "/: connection refused\n", cli.err());
    }

    @Test
    void helpListsTheCommandsExamplesAndExitCodes() {
        Cli cli = new Cli(Map.of());

        assertEquals(0, cli.run("--help"));

        for (String command : new String[] {"run", "events", "summary", "runs", "approvals", "approve", "reject", "audit",
                "token"}) {
            assertTrue(cli.out().contains("\n  " + command + " "), command + " listed in\n" + cli.out());
        }
        assertTrue(cli.out().contains("Examples:"), cli::out);
        assertTrue(cli.out().contains("Exit codes:"), cli::out);
        assertTrue(cli.out().contains("4   the decision is recorded, its outcome not known yet (202)"), cli::out);

        assertEquals(0, cli.run("help", "approve"));
        assertTrue(cli.out().contains("Exit codes:"), "every command lists them");
        assertEquals(2, cli.run("launch"));
    }
}
