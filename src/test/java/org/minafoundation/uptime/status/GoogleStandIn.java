package org.minafoundation.uptime.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock standing in for Google: the OAuth token endpoint, the Sheets API and the Drive
 * API, plus a service-account key (a fresh RSA key) whose token_uri points here. The
 * coordinator goes through its production path: it signs a JWT with the key, exchanges it
 * for a token, and calls the APIs with that token; only the host differs.
 */
final class GoogleStandIn implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    static final String TOKEN = "stand-in-access-token";
    static final String CLIENT_EMAIL = "uptime-coordinator@stand-in.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer server;
    private KeyPair key;
    Path keyFile;

    private GoogleStandIn() {
    }

    /**
     * A fresh stand-in for every test of the class, started before it and stopped after it:
     * {@code @RegisterExtension final GoogleStandIn google = GoogleStandIn.perTest();}
     */
    static GoogleStandIn perTest() {
        return new GoogleStandIn();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    /** Starts the stand-in and points the coordinator's Google clients at it (system properties). */
    private void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        ObjectNode json = JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", "stand-in")
                .put("private_key_id", "stand-in-key-1")
                .put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n")
                .put("client_email", CLIENT_EMAIL)
                .put("client_id", "1234567890")
                .put("token_uri", "http://127.0.0.1:" + server.port() + "/token");
        keyFile = Files.createTempFile("service-account-", ".json");
        Files.writeString(keyFile, JSON.writeValueAsString(json));
        stubToken(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
        System.setProperty(GoogleApiAccess.ROOT_URL_PROPERTY, "http://127.0.0.1:" + server.port() + "/");
    }

    @Override
    public void close() throws IOException {
        System.clearProperty(GoogleApiAccess.ROOT_URL_PROPERTY);
        System.clearProperty(GoogleApiAccess.TIMEOUT_PROPERTY);
        if (server != null) {
            server.stop();
        }
        if (keyFile != null) {
            Files.deleteIfExists(keyFile);
        }
    }

    /** The environment that makes the coordinator read spreadsheet {@code id} with this stand-in's key. */
    Map<String, String> env(String id) {
        Map<String, String> env = new HashMap<>();
        env.put("SPREADSHEET_ID", id);
        env.put("SPREADSHEET_CREDENTIALS_JSON", keyFile.toString());
        return env;
    }

    void stubToken(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(response));
    }

    /** spreadsheets.get: the worksheets of spreadsheet {@code id}, as (title, index) pairs. */
    void stubWorksheets(String id, Object... titlesAndIndexes) {
        ArrayNode sheets = JSON.createArrayNode();
        for (int i = 0; i < titlesAndIndexes.length; i += 2) {
            sheets.addObject().putObject("properties")
                    .put("sheetId", 1000 + i).put("title", (String) titlesAndIndexes[i])
                    .put("index", (Integer) titlesAndIndexes[i + 1]);
        }
        ObjectNode body = JSON.createObjectNode().put("spreadsheetId", id);
        body.set("sheets", sheets);
        server.stubFor(authorized(get(urlPathEqualTo("/v4/spreadsheets/" + id))).willReturn(okJson(body.toString())));
    }

    /** values.get of the whole worksheet {@code title}: the rows (header first). */
    void stubRows(String id, String title, List<List<String>> rows) {
        ObjectNode body = JSON.createObjectNode().put("range", title + "!A1:Z" + rows.size())
                .put("majorDimension", "ROWS");
        body.set("values", JSON.valueToTree(rows));
        stubValues(id, title, okJson(body.toString()));
    }

    void stubValues(String id, String title, ResponseDefinitionBuilder response) {
        server.stubFor(authorized(get(urlPathEqualTo(valuesPath(id, title)))).willReturn(response));
    }

    /** The path values.get must ask for: the worksheet's title, quoted, as the whole range. */
    static String valuesPath(String id, String title) {
        String range = "'" + title.replace("'", "''") + "'";
        return "/v4/spreadsheets/" + id + "/values/" + com.google.api.client.util.escape.CharEscapers.escapeUriPath(range);
    }

    /** Drive files.list for spreadsheets named {@code name}: the given file ids, newest first. */
    void stubDriveSearch(String expectedQuery, String... ids) {
        ArrayNode files = JSON.createArrayNode();
        for (String id : ids) {
            files.addObject().put("kind", "drive#file").put("id", id).put("name", "x")
                    .put("mimeType", "application/vnd.google-apps.spreadsheet");
        }
        ObjectNode body = JSON.createObjectNode().put("kind", "drive#fileList").put("incompleteSearch", false);
        body.set("files", files);
        server.stubFor(authorized(get(urlPathEqualTo("/drive/v3/files")))
                .withQueryParam("q", equalTo(expectedQuery))
                .willReturn(okJson(body.toString())));
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    /**
     * The scopes of every token request, after checking that each was a JWT-bearer grant
     * signed with the service account's key.
     */
    List<String> tokenScopes() throws Exception {
        List<String> scopes = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo("/token")))) {
            Map<String, String> form = new HashMap<>();
            for (String pair : request.getBodyAsString().split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
                throw new AssertionError("not a JWT-bearer grant: " + form);
            }
            String[] jwt = form.get("assertion").split("\\.");
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key.getPublic());
            signature.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                throw new AssertionError("token request not signed with the service account's key");
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) {
                throw new AssertionError("wrong issuer: " + claims);
            }
            scopes.add(claims.path("scope").asText());
        }
        return scopes;
    }
}
