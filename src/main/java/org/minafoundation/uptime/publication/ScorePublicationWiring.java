package org.minafoundation.uptime.publication;

import javax.sql.DataSource;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.minafoundation.uptime.archive.S3Access;
import org.minafoundation.uptime.archive.S3Uri;
import org.minafoundation.uptime.config.SettingException;
import org.minafoundation.uptime.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Binds what routes/publication.yaml uses. Without SCORES_S3_URI, nothing: the route
 * {@code put-scoreboard} is not even created and {@code direct:publish-scores} does nothing.
 * With it (RouteProperties gives the route the bucket and key): the
 * {@code scoreboardDocument} bean, and a camel-aws2-s3 component named {@code scores-s3}
 * configured from the S3 settings (region, endpoint override, path style, credentials),
 * whose endpoints share one S3 client, closed when the coordinator stops. No region anywhere
 * (S3_REGION, AWS_REGION, AWS_DEFAULT_REGION, the SDK's chain) stops the start-up, as a bad
 * setting does.
 */
public final class ScorePublicationWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ScorePublicationWiring.class);

    /** The component name the route's endpoint uses. */
    static final String COMPONENT = "scores-s3";

    private ScorePublicationWiring() {
    }

    public static void bind(Main main, Settings settings, DataSource dataSource) {
        if (settings.s3().scoresUri().isEmpty()) {
            return;
        }
        S3Uri target = S3Uri.parse(settings.s3().scoresUri().get());
        S3Access access = S3Access.from(settings);
        S3Client client;
        try {
            client = access.newClient();
        } catch (SdkClientException e) {
            throw new SettingException("S3_REGION", "SCORES_S3_URI is set but S3 cannot be used: " + e.getMessage());
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport ignored) {
                client.close();
            }
        });
        main.bind(COMPONENT, access.component(client));
        main.bind("scoreboardDocument", new ScoreboardDocument(dataSource));
        LOG.info("The scoreboard of the applicants goes to {} after every batch ({})", target, access.describe());
        if (!settings.applicationStatus().synced()) {
            LOG.warn("Application status is not synced: the published scoreboard lists the producers whose"
                    + " application_status is already true in the database (none in a new one)");
        }
    }
}
