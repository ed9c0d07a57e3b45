package org.minafoundation.uptime.archive;

import java.util.Optional;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.component.aws2.s3.client.AWS2S3ClientFactory;
import org.minafoundation.uptime.config.S3Settings;
import org.minafoundation.uptime.config.Secret;
import org.minafoundation.uptime.config.Settings;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How camel-aws2-s3 reaches S3 or an S3-compatible store: region, endpoint override,
 * path-style access and credentials, all from the settings. Used by the cleanup archive
 * and by the score publication.
 *
 * <p>Credentials: {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (with
 * {@code AWS_SESSION_TOKEN} when the keys are temporary) when both are set (in the
 * environment or in {@code .env}, which the SDK alone would not read), else the AWS SDK's
 * default chain (environment, {@code aws.accessKeyId}/{@code aws.secretAccessKey}
 * system properties, web identity / IRSA, profile, container and instance roles). The keys
 * go into the component's configuration, never into an endpoint URI or a log line.
 */
public record S3Access(
        Optional<String> region,
        Optional<String> endpoint,
        boolean forcePathStyle,
        Secret accessKeyId,
        Secret secretAccessKey,
        Secret sessionToken) {

    /** The region S3-compatible stores get when none is configured: the SDK needs one to sign. */
    static final String DEFAULT_COMPATIBLE_REGION = "us-east-1";

    public static S3Access from(Settings settings) {
        S3Settings s3 = settings.s3();
        return new S3Access(
                s3.region().or(() -> settings.aws().defaultRegion()),
                s3.endpoint(),
                s3.forcePathStyle(),
                settings.aws().keys().accessKeyId(),
                settings.aws().keys().secretAccessKey(),
                settings.aws().keys().sessionToken());
    }

    public boolean staticCredentials() {
        return accessKeyId.isSet() && secretAccessKey.isSet();
    }

    /** camel-aws2-s3's configuration for this store (the options an endpoint URI would carry). */
    public AWS2S3Configuration configuration() {
        AWS2S3Configuration configuration = new AWS2S3Configuration();
        // Without a region the SDK looks for one itself (AWS_REGION, profile, instance metadata);
        // an S3-compatible store usually ignores it but the request must still be signed.
        effectiveRegion().ifPresent(configuration::setRegion);
        endpoint.ifPresent(url -> {
            configuration.setOverrideEndpoint(true);
            configuration.setUriEndpointOverride(url);
        });
        configuration.setForcePathStyle(forcePathStyle);
        if (staticCredentials()) {
            configuration.setAccessKey(accessKeyId.reveal());
            configuration.setSecretKey(secretAccessKey.reveal());
            if (sessionToken.isSet()) {
                configuration.setUseSessionCredentials(true);
                configuration.setSessionToken(sessionToken.reveal());
            }
        } else {
            configuration.setUseDefaultCredentialsProvider(true);
        }
        configuration.setAutoCreateBucket(false);
        return configuration;
    }

    /**
     * An S3 client built by camel-aws2-s3's own factory from {@link #configuration()}; the
     * caller closes it. No network call happens here, but a missing region fails here.
     *
     * @throws SdkClientException when the SDK cannot build it (no region anywhere, say)
     */
    public S3Client newClient() {
        return AWS2S3ClientFactory.getS3Client(configuration());
    }

    /**
     * A camel-aws2-s3 component whose endpoints all use {@code client}. One shared client:
     * an endpoint otherwise builds its own at start, and one whose start fails (the store
     * unreachable when it looks the bucket up) would leave that client unclosed. Camel never
     * closes a client it was given.
     */
    public AWS2S3Component component(S3Client client) {
        AWS2S3Component component = new AWS2S3Component();
        AWS2S3Configuration configuration = configuration();
        configuration.setAmazonS3Client(client);
        component.setConfiguration(configuration);
        return component;
    }

    private Optional<String> effectiveRegion() {
        return region.or(() -> endpoint.map(e -> DEFAULT_COMPATIBLE_REGION));
    }

    /** For log lines: where and how, never the keys. */
    public String describe() {
        return endpoint.map(e -> "endpoint " + e).orElse("AWS S3")
                + ", region " + effectiveRegion().orElse("from the AWS SDK chain")
                + (forcePathStyle ? ", path-style" : "")
                + ", credentials " + (staticCredentials() ? "from AWS_ACCESS_KEY_ID" : "from the AWS default chain");
    }
}
