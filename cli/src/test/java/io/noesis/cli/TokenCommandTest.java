package io.noesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** noesis token mints with the local run's issuer: a token its public key verifies, with the claims the services read. */
class TokenCommandTest {

    @Test
    void aTokenIsSignedByTheLocalIssuerWithTheUsersRolesAndGroups(@TempDir Path checkout) throws Exception {
        Cli cli = new Cli(Map.of("NOESIS_HOME", checkout.toString()));

        assertEquals(0, cli.run("token", "bob", "--roles", "approver,auditor", "--groups", "sre", "--ttl", "PT1H"), cli::err);

        String token = cli.out().strip();
        Path publicKey = checkout.resolve(".noesis/local/jwt/publicKey.pem");
        assertTrue(verifies(token, publicKey), "signed with the key pair in the local run's data folder");
        JsonNode claims = ServiceClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("bob", claims.path("sub").asText());
        assertEquals("noesis-local", claims.path("iss").asText());
        assertEquals(List.of("approver", "auditor"), sorted(claims.path("groups")));
        assertEquals(List.of("sre"), sorted(claims.path("noesis_groups")));
        long lifetime = claims.path("exp").asLong() - Instant.now().getEpochSecond();
        assertTrue(lifetime > 3500 && lifetime <= 3600, "about an hour: " + lifetime);
    }

    @Test
    void theDataFolderMayBeChosenAndJsonNamesTheSubject(@TempDir Path checkout) throws Exception {
        Cli cli = new Cli(Map.of());

        assertEquals(0, cli.run("token", "carol", "--home", checkout.toString(), "--data-dir", "elsewhere", "--json"),
                cli::err);

        JsonNode answer = ServiceClient.JSON.readTree(cli.out());
        assertEquals("carol", answer.path("subject").asText());
        assertTrue(verifies(answer.path("token").asText(), checkout.resolve("elsewhere/jwt/publicKey.pem")));
        JsonNode claims = ServiceClient.JSON.readTree(Base64.getUrlDecoder().decode(answer.path("token").asText().split("\\.")[1]));
        assertEquals(List.of("requester"), sorted(claims.path("groups")), "the default role");
    }

    private static boolean verifies(String token, Path publicKeyFile) throws Exception {
        String pem = Files.readString(publicKeyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static List<String> sorted(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).sorted().toList();
    }
}
