package org.minafoundation.uptime.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Secret;

/** The payload camel-slack posts with our component, read back from a real HTTP server. */
class SlackWebhookTest {

    private SlackStandIn slack;
    private SlackWebhook webhook;
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() {
        slack = new SlackStandIn();
        webhook = new SlackWebhook(new Secret(slack.url()));
        camel = new DefaultCamelContext();
        camel.addComponent("slack", webhook.component());
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        slack.close();
    }

    @Test
    void anyTextGivesValidJsonWithThatExactText() {
        String text = "batch \"2024\" failed: it's\nbroken \\ here\t{\"json\": [1]} </script> &amp; \u00e9\u4e2d\ud83d\ude00 \u0001 \\u0022";

        producer.sendBody("slack:webhook", text);

        assertEquals(List.of(text), slack.texts());
    }

    @Test
    void theWebhookUrlIsNotInTheEndpointUri() {
        producer.sendBody("slack:webhook", "hello");

        assertEquals(List.of("hello"), slack.texts());
        camel.getEndpoints().forEach(endpoint -> assertFalse(endpoint.getEndpointUri().contains(SlackStandIn.TOKEN),
                endpoint.getEndpointUri()));
    }

    @Test
    void noPropertyOfTheComponentHoldsTheUrl() {
        producer.sendBody("slack:webhook", "hello");

        // what the developer console's bean page lists for a registry bean
        Map<String, Object> properties = new TreeMap<>();
        PluginHelper.getBeanIntrospection(camel).getProperties(camel.getComponent("slack"), properties, null, true);
        assertTrue(properties.containsKey("webhookUrl"), "the getters were read: " + properties);
        properties.forEach((name, value) -> assertFalse(String.valueOf(value).contains(SlackStandIn.TOKEN), name));
        assertEquals(List.of("hello"), slack.texts());
    }

    @Test
    void aFailedPostIsAnExceptionDescribedWithoutTheUrl() {
        slack.failing(0);

        CamelExecutionException error = assertThrows(CamelExecutionException.class,
                () -> producer.sendBody("slack:webhook", "hello"));

        String described = webhook.failure(error.getCause());
        assertTrue(described.contains("500"), described);
        assertFalse(described.contains(SlackStandIn.TOKEN), described);
    }

    @Test
    void theUrlAndItsPathAreMaskedWhereverTheyAppear() {
        String url = slack.url();
        String described = webhook.failure(new IllegalStateException("POST " + url + " failed\nagain: " + SlackStandIn.PATH));

        assertEquals("IllegalStateException: POST <webhook URL> failed again: <webhook path>", described);
    }
}
