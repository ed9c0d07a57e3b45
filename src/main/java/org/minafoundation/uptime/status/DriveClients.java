package org.minafoundation.uptime.status;

import com.google.api.services.drive.Drive;
import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.drive.GoogleDriveClientFactory;

/** camel-google-drive's client: service-account key, explicit scopes, bounded waits, {@link GoogleApiAccess}'s root URL. */
final class DriveClients implements GoogleDriveClientFactory {

    private final GoogleApiAccess access;

    DriveClients(GoogleApiAccess access) {
        this.access = access;
    }

    @Override
    public Drive makeClient(CamelContext context, String serviceAccountKey, Collection<String> scopes,
            String applicationName, String delegate) {
        Drive.Builder builder = new Drive.Builder(access.transport(), access.jsonFactory(),
                new ServiceAccountRequests(context, serviceAccountKey, scopes == null ? List.of() : List.copyOf(scopes),
                        access))
                .setApplicationName(applicationName);
        access.rootUrl().ifPresent(builder::setRootUrl);
        return builder.build();
    }

    @Override
    public Drive makeClient(String clientId, String clientSecret, Collection<String> scopes, String applicationName,
            String refreshToken, String accessToken) {
        throw new UnsupportedOperationException("the spreadsheet is looked up with a service account only");
    }
}
