package io.noesis.deploy.security;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The token issuer of a local run and of the tests: an RSA key pair kept in a folder, and signed
 * tokens for named users. In production the services verify an OIDC issuer's keys instead.
 */
public final class LocalIssuer {

    public static final String ISSUER = "noesis-local";
    /** Custom claim with the approver groups (e.g. "sre"); roles travel in MicroProfile JWT's "groups" claim. */
    public static final String APPROVER_GROUPS_CLAIM = "noesis_groups";

    private final Path privateKeyFile;
    private final Path publicKeyFile;

    private LocalIssuer(Path keyDir) {
        this.privateKeyFile = keyDir.resolve("privateKey.pem");
        this.publicKeyFile = keyDir.resolve("publicKey.pem");
    }

    /** Opens the issuer in keyDir, creating a new key pair the first time. */
    public static LocalIssuer inDirectory(Path keyDir) {
        LocalIssuer issuer = new LocalIssuer(keyDir);
        if (!Files.exists(issuer.privateKeyFile)) {
            issuer.generateKeys();
        }
        return issuer;
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public String mint(String subject, Set<String> roles, Set<String> approverGroups, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .claim(APPROVER_GROUPS_CLAIM, approverGroups)
                .expiresIn(lifetime)
                .sign(privateKey());
    }

    private PrivateKey privateKey() {
        try {
            String pem = Files.readString(privateKeyFile)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable private key " + privateKeyFile, e);
        }
    }

    private void generateKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKeyFile.getParent());
            Files.writeString(privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
