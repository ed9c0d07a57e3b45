package org.minafoundation.uptime.config;

import java.util.Locale;

/**
 * Health, metrics and the dev console on MANAGEMENT_PORT (0: no management server);
 * JSON log lines with LOG_FORMAT=json.
 */
public record OperationsSettings(int managementPort, boolean devConsole, boolean jsonLogs) {

    static OperationsSettings read(VariableReader env) {
        return new OperationsSettings(
                env.port("MANAGEMENT_PORT", 8080, 0),
                env.flag("DEV_CONSOLE"),
                switch (env.text("LOG_FORMAT", "text").toLowerCase(Locale.ROOT)) {
                    case "text" -> false;
                    case "json" -> true;
                    default -> throw new SettingException("LOG_FORMAT",
                            "'" + env.text("LOG_FORMAT", "") + "' is not text or json");
                });
    }
}
