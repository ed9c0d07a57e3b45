package org.minafoundation.uptime.alerts;

import java.net.URI;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.slack.SlackComponent;
import org.apache.camel.component.slack.SlackEndpoint;
import org.minafoundation.uptime.config.Secret;

/**
 * The Slack incoming webhook of {@code WEBHOOK_URL}, a secret. The URL is never in an
 * endpoint URI (Camel logs those and shows them in JMX and the developer console), nor in a
 * property of the camel-slack component (a registry bean: the console's bean page lists its
 * getters): only the endpoint the component creates, which the producer reads it from, holds
 * it. It is masked in the description of a failed post should a library ever put it in an
 * error message.
 */
public final class SlackWebhook {

    private static final int MAX_DESCRIPTION = 400;

    private final Secret url;

    public SlackWebhook(Secret url) {
        this.url = url;
    }

    /**
     * camel-slack in webhook mode: it serialises {@code {"text": body}} with Gson, so any text
     * gives valid JSON. No channel goes into the payload: an incoming webhook posts to the
     * channel it was created for (Slack apps ignore an override; a legacy webhook would
     * follow it), which keeps the payload the reference's {@code {"text": ...}}.
     */
    public SlackComponent component() {
        return new SlackComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
                    throws Exception {
                SlackEndpoint endpoint = (SlackEndpoint) super.createEndpoint(uri, remaining, parameters);
                endpoint.setChannel(null);
                endpoint.setWebhookUrl(url.reveal());
                return endpoint;
            }
        };
    }

    /** Why a post failed, for the log: exception type and message, the webhook URL masked, kept short. */
    public String failure(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage() == null ? "" : ": " + error.getMessage();
        String described = mask(error.getClass().getSimpleName() + message).replaceAll("\\s+", " ");
        return described.length() <= MAX_DESCRIPTION ? described : described.substring(0, MAX_DESCRIPTION) + "...";
    }

    String mask(String text) {
        if (!url.isSet()) {
            return text;
        }
        String masked = text.replace(url.reveal(), "<webhook URL>");
        try {
            String path = URI.create(url.reveal()).getRawPath();
            if (path != null && path.length() > 1) {
                masked = masked.replace(path, "<webhook path>");
            }
        } catch (IllegalArgumentException notAUri) {
            // nothing more to mask than the whole value
        }
        return masked;
    }
}
