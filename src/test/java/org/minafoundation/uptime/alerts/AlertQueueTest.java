package org.minafoundation.uptime.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.app.RouteProperties;
import org.minafoundation.uptime.config.Settings;
import org.slf4j.LoggerFactory;

/**
 * routes/alerts.yaml with Slack stuck on a post: the alerts behind it fill the bounded queue
 * (100), and each one after that is dropped with a WARN, the caller going on at once. Once
 * Slack answers again, the queued alerts are posted in order and the dropped ones never.
 */
class AlertQueueTest {

    private static final int QUEUE_SIZE = 100;

    private final CountDownLatch firstPostArrived = new CountDownLatch(1);
    private final CountDownLatch slackAnswers = new CountDownLatch(1);
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private HttpServer slack;
    private Main main;

    @BeforeEach
    void slackThatHoldsItsFirstPost() throws Exception {
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/services/T0/B0/queue-test", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posted.add(new ObjectMapper().readTree(body).get("text").asText());
            firstPostArrived.countDown();
            try {
                slackAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slack.start();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopAll() {
        slackAnswers.countDown();
        if (main != null) {
            main.stop();
        }
        root.detachAppender(logs);
        slack.stop(0);
    }

    @Test
    void aFullQueueDropsTheAlertWithAWarnAndNeverHoldsTheCaller() throws Exception {
        String url = "http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T0/B0/queue-test";
        main = new Main();
        Settings settings = Settings.from(Map.of("VERIFIER_MODE", "none", "WEBHOOK_URL", url));
        AlertsWiring.bind(main, settings);
        RouteProperties.of(settings).forEach(main::addInitialProperty);
        main.configure().withRoutesIncludePattern("file:" + Path.of("routes/alerts.yaml").toAbsolutePath());
        main.start();
        ProducerTemplate pipeline = main.getCamelContext().createProducerTemplate();

        pipeline.sendBody("direct:queue-slack-alert", "alert 0");
        assertTrue(firstPostArrived.await(30, TimeUnit.SECONDS), "the first alert is being posted");
        // Slack holds alert 0: the next 100 fill the queue, the 3 after them find it full
        for (int i = 1; i <= QUEUE_SIZE + 3; i++) {
            pipeline.sendBody("direct:queue-slack-alert", "alert " + i);
        }

        // every call returned while Slack still held the first post: none waited for Slack
        assertEquals(List.of("alert 0"), posted);
        List<ILoggingEvent> dropped = logs.list.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("Alert dropped")).toList();
        assertEquals(3, dropped.size(), "one WARN per dropped alert: " + dropped);
        dropped.forEach(e -> assertTrue(e.getFormattedMessage().contains("Queue full"), e.getFormattedMessage()));

        slackAnswers.countDown();
        List<String> queued = IntStream.rangeClosed(0, QUEUE_SIZE).mapToObj(i -> "alert " + i).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> posted.size() >= queued.size());
        assertEquals(queued, posted, "the queued alerts in order, the dropped ones never");
    }
}
