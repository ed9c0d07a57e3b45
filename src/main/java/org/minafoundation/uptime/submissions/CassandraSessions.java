package org.minafoundation.uptime.submissions;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthProvider;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.minafoundation.uptime.config.AwsSettings;
import org.minafoundation.uptime.config.CassandraSettings;
import org.minafoundation.uptime.config.SettingException;
import org.minafoundation.uptime.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.aws.mcs.auth.SigV4AuthProvider;

/**
 * The one CqlSession to Cassandra or AWS Keyspaces: TLS with SSL_CERTFILE when set,
 * username/password when both are set, else AWS SigV4 with static keys or, without them,
 * the default AWS chain (which covers web identity: AWS_ROLE_ARN,
 * AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_SESSION_NAME). Reads at LOCAL_QUORUM.
 */
public final class CassandraSessions {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSessions.class);

    private CassandraSessions() {
    }

    /**
     * The connection, not yet made: the certificate is read now (a bad one stops start-up),
     * the session is opened by the first read (an outage then is retried like any other).
     */
    public static CassandraConnection connection(Settings settings) {
        Optional<Path> certificate = settings.worker().sslCertFile().map(Path::of);
        Optional<SSLContext> tls = certificate.map(CassandraSessions::trustingSetting);
        return new CassandraConnection(() -> open(settings, tls));
    }

    private static SSLContext trustingSetting(Path pem) {
        try {
            return trusting(pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new SettingException("SSL_CERTFILE", "'" + pem + "' holds no usable PEM certificate (" + e.getMessage() + ")");
        }
    }

    private static CqlSession open(Settings settings, Optional<SSLContext> tls) {
        CassandraSettings cassandra = settings.cassandra();
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoint(InetSocketAddress.createUnresolved(cassandra.host().orElseThrow(), cassandra.port()))
                .withLocalDatacenter(cassandra.localDatacenter())
                .withAuthProvider(authProvider(settings))
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                        // after an outage, be back within seconds rather than the default minute
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofSeconds(1))
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
                        .build());
        tls.ifPresent(builder::withSslContext);
        LOG.info("Connecting to Cassandra {}:{} (datacenter {}, {}, {})", cassandra.host().get(), cassandra.port(),
                cassandra.localDatacenter(), tls.isPresent() ? "TLS" : "no TLS", describeAuth(settings));
        return builder.build();
    }

    static AuthProvider authProvider(Settings settings) {
        CassandraSettings cassandra = settings.cassandra();
        if (cassandra.username().isPresent() && cassandra.password().isSet()) {
            return new com.datastax.oss.driver.api.core.auth.ProgrammaticPlainTextAuthProvider(
                    cassandra.username().get(), cassandra.password().reveal());
        }
        String region = cassandra.region().or(() -> settings.aws().region()).orElse("us-east-1");
        return new SigV4AuthProvider(awsCredentials(settings), region);
    }

    static AwsCredentialsProvider awsCredentials(Settings settings) {
        AwsSettings aws = settings.aws();
        AwsSettings.Keys keys = aws.keys();
        if (aws.webIdentity().roleArn().isEmpty() && keys.accessKeyId().isSet() && keys.secretAccessKey().isSet()) {
            return StaticCredentialsProvider.create(keys.sessionToken().isSet()
                    ? AwsSessionCredentials.create(keys.accessKeyId().reveal(), keys.secretAccessKey().reveal(),
                            keys.sessionToken().reveal())
                    : AwsBasicCredentials.create(keys.accessKeyId().reveal(), keys.secretAccessKey().reveal()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String describeAuth(Settings settings) {
        CassandraSettings cassandra = settings.cassandra();
        if (cassandra.username().isPresent() && cassandra.password().isSet()) {
            return "user " + cassandra.username().get();
        }
        return settings.aws().webIdentity().roleArn().isPresent() ? "AWS SigV4, web identity" : "AWS SigV4";
    }

    /** An SSL context that trusts the PEM certificate(s) in {@code pem}. */
    static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("cassandra-" + i++, certificate);
            }
            if (i == 0) {
                throw new CertificateException("no certificate in it");
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
