package io.noesis.testing;

import io.noesis.deploy.security.LocalIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Signed bearer tokens for tests, from a local issuer with a key pair made for this JVM. */
public final class TestTokens {

    private static LocalIssuer issuer;

    public static String mint(String subject, Set<String> roles, Set<String> approverGroups) {
        return issuer().mint(subject, roles, approverGroups, Duration.ofHours(1));
    }

    /** Where the services under test find the public key (mp.jwt.verify.publickey.location). */
    public static String publicKeyLocation() {
        return issuer().publicKeyFile().toString();
    }

    public static String issuerName() {
        return LocalIssuer.ISSUER;
    }

    private static synchronized LocalIssuer issuer() {
        if (issuer == null) {
            try {
                issuer = LocalIssuer.inDirectory(Files.createTempDirectory("noesis-test-jwt"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return issuer;
    }

    private TestTokens() {
    }
}
