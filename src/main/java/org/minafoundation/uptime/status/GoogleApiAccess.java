package org.minafoundation.uptime.status;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * How the coordinator reaches Google's APIs: one HTTP transport, bounded waits, and
 * (for tests, or a private endpoint) another root URL for the Sheets and Drive APIs.
 *
 * <p>Two JVM system properties, for tests and advanced use only:
 * {@value #ROOT_URL_PROPERTY} replaces https://sheets.googleapis.com/ and
 * https://www.googleapis.com/ (the OAuth token URL always comes from the service-account
 * JSON); {@value #TIMEOUT_PROPERTY} sets both the connect and the read timeout.
 */
public record GoogleApiAccess(Optional<String> rootUrl, Duration connectTimeout, Duration readTimeout,
        HttpTransport transport, JsonFactory jsonFactory) {

    public static final String ROOT_URL_PROPERTY = "uptime.google.rootUrl";
    public static final String TIMEOUT_PROPERTY = "uptime.google.timeoutMillis";

    /** A hanging Google costs a batch at most this long per request (the sync stops at the first failure). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    public static GoogleApiAccess fromSystemProperties() {
        Optional<String> root = Optional.ofNullable(System.getProperty(ROOT_URL_PROPERTY))
                .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.endsWith("/") ? s : s + "/");
        Optional<Duration> timeout = Optional.ofNullable(System.getProperty(TIMEOUT_PROPERTY))
                .map(String::strip).filter(s -> !s.isEmpty()).map(s -> {
                    try {
                        return Duration.ofMillis(Long.parseLong(s));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be a number of milliseconds: " + s);
                    }
                });
        return new GoogleApiAccess(root, timeout.orElse(CONNECT_TIMEOUT), timeout.orElse(READ_TIMEOUT),
                new NetHttpTransport(), GsonFactory.getDefaultInstance());
    }
}
