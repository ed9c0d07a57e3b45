package org.minafoundation.uptime.operations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.minafoundation.uptime.config.SettingException;

/**
 * MANAGEMENT_PORT must be free before the coordinator starts: Camel's management server only
 * logs "Address already in use" and the coordinator would run on without health or metrics
 * (a Kubernetes probe would then keep it unready, or restart it, forever).
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** Binds the port as the management server does (every address) and lets it go again. */
    public static void ensureFree(int port) {
        ensureFree("MANAGEMENT_PORT", port, "no health, metrics or console");
    }

    /** The same for any server port: {@code variable} names the setting, {@code zero} what 0 means. */
    public static void ensureFree(String variable, int port, String zero) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new SettingException(variable, "port " + port + " cannot be used (" + e.getMessage()
                    + "): another process listens on it; stop it, or set " + variable + " to a free port"
                    + (zero.isEmpty() ? "" : " (0: " + zero + ")"));
        }
    }
}
