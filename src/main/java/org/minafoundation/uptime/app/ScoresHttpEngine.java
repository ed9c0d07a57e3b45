package org.minafoundation.uptime.app;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine of the scores routes, told its server's port. Camel 4.17's engine
 * finds the port by looking for the only HTTP server in the registry; with the management
 * server on MANAGEMENT_PORT there are two, it falls back to 8080 and the REST routes fail to
 * start ("No PlatformHttpEngine ... platform-http-router-8080").
 */
final class ScoresHttpEngine extends VertxPlatformHttpEngine {

    /** The name platform-http looks its engine up by. */
    static final String NAME = "platform-http-engine";

    private final int port;

    ScoresHttpEngine(int port) {
        this.port = port;
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
