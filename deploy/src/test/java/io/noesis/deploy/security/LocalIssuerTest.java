package io.noesis.deploy.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerTest {

    @Test
    void mintsRs256TokensThatThePublicKeyVerifiesWithRolesAndApproverGroups(@TempDir Path keys) throws Exception {
        String token = LocalIssuer.inDirectory(keys).mint("bob", Set.of("approver"), Set.of("sre"), Duration.ofMinutes(5));

        String[] parts = token.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey(LocalIssuer.inDirectory(keys).publicKeyFile()));
        rsa.update((parts[0] + "." + parts[1]).getBytes());
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "signed by the key kept in the folder");

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("bob", claims.get("sub").asText());
        assertEquals(LocalIssuer.ISSUER, claims.get("iss").asText());
        assertEquals("approver", claims.get("groups").get(0).asText());
        assertEquals("sre", claims.get(LocalIssuer.APPROVER_GROUPS_CLAIM).get(0).asText());
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
