package org.minafoundation.uptime.status;

import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/**
 * Prepares every request to a Google API: bounded waits, and an OAuth access token for the
 * service account, limited to the given scopes. The key is read on first use, not when
 * Camel builds its client at start-up, so a missing or broken key file is a failed sync
 * (logged, retried at the next batch), never a coordinator that cannot start.
 */
final class ServiceAccountRequests implements HttpRequestInitializer {

    private final CamelContext context;
    private final String keyResource;
    private final List<String> scopes;
    private final GoogleApiAccess access;
    private HttpCredentialsAdapter credentials;

    ServiceAccountRequests(CamelContext context, String keyResource, List<String> scopes, GoogleApiAccess access) {
        if (scopes.isEmpty()) {
            // A service account without scopes gets no usable token: say so at start-up.
            throw new IllegalArgumentException("the Google endpoints need explicit (read-only) scopes");
        }
        this.context = context;
        this.keyResource = keyResource;
        this.scopes = List.copyOf(scopes);
        this.access = access;
    }

    @Override
    public void initialize(HttpRequest request) throws IOException {
        request.setConnectTimeout(Math.toIntExact(access.connectTimeout().toMillis()));
        request.setReadTimeout(Math.toIntExact(access.readTimeout().toMillis()));
        credentials().initialize(request);
    }

    private synchronized HttpCredentialsAdapter credentials() throws IOException {
        if (credentials == null) {
            ServiceAccountCredentials key;
            try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, keyResource)) {
                key = ServiceAccountCredentials.fromStream(in, access::transport);
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot use the service-account key " + keyResource + ": " + e.getMessage(), e);
            }
            // The token is fetched from the key's token_uri; one try per sync, the next batch tries again.
            credentials = new HttpCredentialsAdapter(key.toBuilder()
                    .setScopes(scopes)
                    .setDefaultRetriesEnabled(false)
                    .build());
        }
        return credentials;
    }
}
