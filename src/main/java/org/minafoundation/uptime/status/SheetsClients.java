package org.minafoundation.uptime.status;

import com.google.api.services.sheets.v4.Sheets;
import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.sheets.GoogleSheetsClientFactory;

/** camel-google-sheets' client: service-account key, explicit scopes, bounded waits, {@link GoogleApiAccess}'s root URL. */
final class SheetsClients implements GoogleSheetsClientFactory {

    private final GoogleApiAccess access;

    SheetsClients(GoogleApiAccess access) {
        this.access = access;
    }

    @Override
    public Sheets makeClient(CamelContext context, String serviceAccountKey, Collection<String> scopes,
            String applicationName, String delegate) {
        Sheets.Builder builder = new Sheets.Builder(access.transport(), access.jsonFactory(),
                new ServiceAccountRequests(context, serviceAccountKey, scopes == null ? List.of() : List.copyOf(scopes),
                        access))
                .setApplicationName(applicationName);
        access.rootUrl().ifPresent(builder::setRootUrl);
        return builder.build();
    }

    @Override
    public Sheets makeClient(String clientId, String clientSecret, Collection<String> scopes, String applicationName,
            String refreshToken, String accessToken) {
        throw new UnsupportedOperationException("the application status is read with a service account only");
    }
}
