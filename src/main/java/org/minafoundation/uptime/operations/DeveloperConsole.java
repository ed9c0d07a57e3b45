package org.minafoundation.uptime.operations;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsoleRegistry;

/**
 * DEV_CONSOLE=1 serves Camel's consoles that show (routes, beans, properties, metrics,
 * threads), not those that act: "send" and "receive" send to or read from any endpoint
 * named in the request, so a GET could run the batch loop (a plain GET of "send" does, on an
 * HTTP thread, and holds the management server) or read any file (the service-account key);
 * "debug" and "reload" step through or reload the routes; the Kubernetes vault consoles list
 * a cluster's Secrets.
 */
public final class DeveloperConsole {

    /** The ids of the consoles that are removed once Camel has loaded them all. */
    static final List<String> ACTING = List.of("send", "receive", "debug", "reload", "kubernetes-secrets",
            "kubernetes-configmaps");

    private DeveloperConsole() {
    }

    /** Unregisters the acting consoles; the HTTP server lists and serves only the registered ones. */
    public static void removeActingConsoles(CamelContext camel) {
        DevConsoleRegistry registry = DevConsoleRegistry.get(camel);
        if (registry != null) {
            registry.stream().filter(console -> ACTING.contains(console.getId())).toList()
                    .forEach(registry::unregister);
        }
    }
}
