package org.minafoundation.uptime.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** WireMock on 127.0.0.1 standing in for a Slack incoming webhook whose URL holds a secret token. */
final class SlackStandIn implements AutoCloseable {

    static final String TOKEN = "SECRET-TOKEN-123";
    static final String PATH = "/services/T000/B000/" + TOKEN;

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    SlackStandIn() {
        server.start();
        server.stubFor(post(PATH).willReturn(ok("ok")));
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + PATH;
    }

    /** Every post fails with a 500, after {@code delayMillis}. */
    void failing(int delayMillis) {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody("internal_error")
                .withFixedDelay(delayMillis)));
    }

    /** Each post's JSON payload, in the order they arrived; each must parse and be {"text": "..."} alone. */
    List<String> texts() {
        List<LoggedRequest> requests = new ArrayList<>(server.findAll(postRequestedFor(urlEqualTo(PATH))));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        List<String> texts = new ArrayList<>();
        for (LoggedRequest request : requests) {
            assertTrue(request.getHeader("Content-Type").startsWith("application/json"), request.getHeader("Content-Type"));
            JsonNode payload = parse(request.getBodyAsString());
            assertTrue(payload.isObject(), request.getBodyAsString());
            assertEquals(List.of("text"), iterable(payload.fieldNames()), "only the text: " + request.getBodyAsString());
            assertTrue(payload.get("text").isTextual(), request.getBodyAsString());
            texts.add(payload.get("text").asText());
        }
        return texts;
    }

    int posts() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not valid JSON: " + json, e);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Override
    public void close() {
        server.stop();
    }
}
