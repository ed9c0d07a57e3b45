package org.minafoundation.uptime.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.S3MockServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Temporary keys (an assumed role, SSO) only work with their session token: with
 * {@code AWS_SESSION_TOKEN} set, S3 is signed with all three, and an upload goes through.
 */
class TemporaryS3KeysTest {

    private static final String BUCKET = "archive";

    @Test
    void aSessionTokenGoesWithTheStaticKeys() throws Exception {
        try (S3MockServer s3 = S3MockServer.start(BUCKET)) {
            Map<String, String> env = new HashMap<>(s3.environment());
            env.put("VERIFIER_MODE", "none");
            env.put("AWS_SESSION_TOKEN", "session-token-1");
            S3Access access = S3Access.from(Settings.from(env));

            assertTrue(access.configuration().isUseSessionCredentials());
            assertEquals("session-token-1", access.configuration().getSessionToken());
            byte[] body = "scores".getBytes(StandardCharsets.UTF_8);
            try (S3Client client = access.newClient()) {
                client.putObject(b -> b.bucket(BUCKET).key("scores.json"), RequestBody.fromBytes(body));
            }
            assertArrayEquals(body, s3.get(BUCKET, "scores.json").orElseThrow());
        }
    }

    @Test
    void withoutATokenTheKeysAloneSign() {
        Map<String, String> env = new HashMap<>(Map.of("VERIFIER_MODE", "none", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret", "S3_REGION", "us-east-1"));
        S3Access access = S3Access.from(Settings.from(env));

        assertFalse(access.configuration().isUseSessionCredentials());
        assertEquals("AKIAEXAMPLE", access.configuration().getAccessKey());
    }
}
