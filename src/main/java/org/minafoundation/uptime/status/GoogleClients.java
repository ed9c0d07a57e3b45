package org.minafoundation.uptime.status;

import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClient;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.sheets.v4.Sheets;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.drive.GoogleDriveClientFactory;
import org.apache.camel.component.google.sheets.GoogleSheetsClientFactory;

/**
 * The client factory of camel-google-sheets and camel-google-drive, for the API {@code C}:
 * service-account key, explicit scopes, bounded waits, {@link GoogleApiAccess}'s root URL.
 * The two APIs' clients are built alike; only their builder differs.
 */
abstract class GoogleClients<B extends AbstractGoogleJsonClient.Builder, C> {

    /** An API's client builder, as its constructor takes it ({@code Sheets.Builder::new}). */
    @FunctionalInterface
    private interface NewBuilder<B> {
        B create(HttpTransport transport, JsonFactory jsonFactory, HttpRequestInitializer requests);
    }

    static GoogleSheetsClientFactory sheets(GoogleApiAccess access) {
        return new SheetsClients(access);
    }

    static GoogleDriveClientFactory drive(GoogleApiAccess access) {
        return new DriveClients(access);
    }

    private final GoogleApiAccess access;
    private final NewBuilder<B> newBuilder;
    private final Function<B, C> build;
    private final String serviceAccountOnly;

    private GoogleClients(GoogleApiAccess access, NewBuilder<B> newBuilder, Function<B, C> build,
            String serviceAccountOnly) {
        this.access = access;
        this.newBuilder = newBuilder;
        this.build = build;
        this.serviceAccountOnly = serviceAccountOnly;
    }

    public C makeClient(CamelContext context, String serviceAccountKey, Collection<String> scopes,
            String applicationName, String delegate) {
        B builder = newBuilder.create(access.transport(), access.jsonFactory(),
                new ServiceAccountRequests(context, serviceAccountKey, scopes == null ? List.of() : List.copyOf(scopes),
                        access));
        builder.setApplicationName(applicationName);
        access.rootUrl().ifPresent(builder::setRootUrl);
        return build.apply(builder);
    }

    public C makeClient(String clientId, String clientSecret, Collection<String> scopes, String applicationName,
            String refreshToken, String accessToken) {
        throw new UnsupportedOperationException(serviceAccountOnly);
    }

    private static final class SheetsClients extends GoogleClients<Sheets.Builder, Sheets>
            implements GoogleSheetsClientFactory {
        SheetsClients(GoogleApiAccess access) {
            super(access, Sheets.Builder::new, Sheets.Builder::build,
                    "the application status is read with a service account only");
        }
    }

    private static final class DriveClients extends GoogleClients<Drive.Builder, Drive>
            implements GoogleDriveClientFactory {
        DriveClients(GoogleApiAccess access) {
            super(access, Drive.Builder::new, Drive.Builder::build,
                    "the spreadsheet is looked up with a service account only");
        }
    }
}
