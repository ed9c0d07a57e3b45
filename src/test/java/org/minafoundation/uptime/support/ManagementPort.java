package org.minafoundation.uptime.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A free port for a coordinator's MANAGEMENT_PORT, and what its health endpoints answer there. */
public record ManagementPort(int port) {

    public static ManagementPort free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new ManagementPort(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value for MANAGEMENT_PORT. */
    public String setting() {
        return String.valueOf(port);
    }

    /** The status of /observe/health/ready, or -1 while nothing answers. */
    public int readiness() {
        try {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                    .timeout(Duration.ofSeconds(30)).build();
            return HttpClient.newHttpClient().send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
