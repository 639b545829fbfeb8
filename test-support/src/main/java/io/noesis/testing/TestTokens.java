package io.noesis.testing;

import io.noesis.deploy.security.LocalIssuer;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Signed bearer tokens for tests, from a local issuer with a key pair made for this JVM, and the forged,
 * expired and foreign tokens an attacker would try, which every service must refuse.
 */
public final class TestTokens {

    /** Every role there is: what a forged token claims, and what bad-input tests carry so only the input is at fault. */
    public static final Set<String> EVERY_ROLE = Set.of("admin", "requester", "approver", "auditor");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private static LocalIssuer issuer;
    private static PrivateKey strangersKey;

    public static String mint(String subject, Set<String> roles, Set<String> approverGroups) {
        return issuer().mint(subject, roles, approverGroups, Duration.ofHours(1));
    }

    /** A valid token with every role and the approver groups sre and dba. */
    public static String withEveryRole(String subject) {
        return mint(subject, EVERY_ROLE, Set.of("sre", "dba"));
    }

    /**
     * Tokens that must get 401 on every protected endpoint, by what is wrong with them; a null token
     * means no Authorization header at all. Each claims every role, so only its flaw can refuse it.
     */
    public static Map<String, String> refusedTokens(String subject) {
        String genuine = withEveryRole(subject);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("expired an hour ago", issuer().mint(subject, EVERY_ROLE, Set.of(), Duration.ofHours(-1)));
        tokens.put("another issuer with its own key", signedByStranger(subject, "https://issuer.example.org"));
        tokens.put("our issuer's name, another key", signedByStranger(subject, issuerName()));
        tokens.put("alg none, no signature", unsigned(genuine));
        tokens.put("payload tampered after signing", tampered(genuine));
        tokens.put("not a JWT", "not-a-jwt");
        return tokens;
    }

    /** A valid token that carries no role at all: 403 wherever a role is required. */
    public static String withoutRoles(String subject) {
        return mint(subject, Set.of(), Set.of());
    }

    /** Where the services under test find the public key (mp.jwt.verify.publickey.location). */
    public static String publicKeyLocation() {
        return issuer().publicKeyFile().toString();
    }

    public static String issuerName() {
        return LocalIssuer.ISSUER;
    }

    private static String signedByStranger(String subject, String issuerName) {
        return Jwt.issuer(issuerName)
                .subject(subject)
                .upn(subject)
                .groups(EVERY_ROLE)
                .claim(LocalIssuer.APPROVER_GROUPS_CLAIM, Set.of("sre", "dba"))
                .expiresIn(Duration.ofHours(1))
                .sign(strangersKey());
    }

    /** The genuine claims under a header that says no signature is needed ("alg": "none"). */
    private static String unsigned(String genuine) {
        String header = BASE64URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + genuine.split("\\.")[1] + ".";
    }

    /** The genuine signature kept, the subject changed: the signature no longer matches the payload. */
    private static String tampered(String genuine) {
        String[] parts = genuine.split("\\.");
        String claims = new String(BASE64URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replaceFirst("\"sub\":\"([^\"]*)\"", "\"sub\":\"$1-forged\"");
        if (forged.equals(claims)) {
            throw new IllegalStateException("The token has no subject to tamper with: " + claims);
        }
        return parts[0] + "." + BASE64URL.encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static synchronized LocalIssuer issuer() {
        if (issuer == null) {
            issuer = LocalIssuer.inDirectory(TestDirectories.create("jwt"));
        }
        return issuer;
    }

    private static synchronized PrivateKey strangersKey() {
        if (strangersKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                strangersKey = generator.generateKeyPair().getPrivate();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("RSA unavailable", e);
            }
        }
        return strangersKey;
    }

    private TestTokens() {
    }
}
