package org.minafoundation.uptime.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.auth.ProgrammaticPlainTextAuthProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.config.SettingException;
import org.minafoundation.uptime.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.aws.mcs.auth.SigV4AuthProvider;

/**
 * Which authentication the Cassandra session uses (there is no Keyspaces here to log in
 * to): a password when both username and password are set, else AWS SigV4 with static keys,
 * else the default AWS chain (which covers web identity); region from the Keyspaces host.
 */
class CassandraAuthTest {

    private static Settings settings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("VERIFIER_MODE", "none", "SUBMISSION_STORAGE", "cassandra",
                "CASSANDRA_HOST", "cassandra.eu-west-1.amazonaws.com", "AWS_KEYSPACE", "uptime"));
        env.putAll(extra);
        return Settings.from(env);
    }

    @Test
    void aCertificateFileWithoutACertificateIsABadSetting(@TempDir Path temp) throws Exception {
        for (String content : List.of("", "not a certificate\n")) {
            Path notPem = Files.writeString(temp.resolve("root.crt"), content);

            SettingException e = assertThrows(SettingException.class,
                    () -> CassandraSessions.connection(settings(Map.of("SSL_CERTFILE", notPem.toString()))));

            assertEquals("SSL_CERTFILE", e.variable());
            assertTrue(e.getMessage().contains(notPem + "' holds no usable PEM certificate"), e.getMessage());
        }
    }

    @Test
    void usernameAndPasswordGivePasswordLogin() {
        assertInstanceOf(ProgrammaticPlainTextAuthProvider.class, CassandraSessions.authProvider(
                settings(Map.of("CASSANDRA_USERNAME", "coordinator", "CASSANDRA_PASSWORD", "pw"))));
    }

    @Test
    void withoutThemSigV4WithStaticKeys() {
        Settings s = settings(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
        assertInstanceOf(SigV4AuthProvider.class, CassandraSessions.authProvider(s));
        var credentials = CassandraSessions.awsCredentials(s);
        assertInstanceOf(StaticCredentialsProvider.class, credentials);
        AwsCredentials resolved = credentials.resolveCredentials();
        assertEquals("AKIAEXAMPLE", resolved.accessKeyId());
        assertEquals("secret", resolved.secretAccessKey());
    }

    @Test
    void temporaryKeysSignWithTheirSessionToken() {
        Settings s = settings(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token"));
        AwsCredentials resolved = CassandraSessions.awsCredentials(s).resolveCredentials();
        assertEquals("ASIAEXAMPLE", resolved.accessKeyId());
        assertEquals("token", assertInstanceOf(AwsSessionCredentials.class, resolved).sessionToken());
    }

    @Test
    void aRoleArnUsesTheDefaultChainForWebIdentity() {
        Settings s = settings(Map.of("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/uptime",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token", "AWS_ROLE_SESSION_NAME", "coordinator",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
        assertInstanceOf(SigV4AuthProvider.class, CassandraSessions.authProvider(s));
        assertInstanceOf(DefaultCredentialsProvider.class, CassandraSessions.awsCredentials(s));
    }

    @Test
    void regionAndDatacenterComeFromTheKeyspacesHost() {
        Settings s = settings(Map.of());
        assertEquals("eu-west-1", s.cassandra().region().orElseThrow());
        assertEquals("eu-west-1", s.cassandra().localDatacenter());
        assertEquals("datacenter1", settings(Map.of("CASSANDRA_HOST", "10.0.0.7")).cassandra().localDatacenter());
        assertEquals("dc2", settings(Map.of("CASSANDRA_DC", "dc2")).cassandra().localDatacenter());
    }
}
