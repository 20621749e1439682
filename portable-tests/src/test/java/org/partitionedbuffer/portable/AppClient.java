package org.partitionedbuffer.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP calls to the test application's {@code BufferServlet}; any answer but 200 fails the test with its body. */
public final class AppClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ServerUnderTest server;

    public AppClient(ServerUnderTest server) {
        this.server = server;
    }

    /** {@code GET /buffers-app<path>}: the answer's body. */
    public String get(String path) throws IOException, InterruptedException {
        return answer(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code POST /buffers-app<path>}: the answer's body. */
    public String post(String path) throws IOException, InterruptedException {
        return answer(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String answer(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> response.uri() + ": " + response.body());
        return response.body();
    }

    private URI uri(String path) {
        return server.http().resolve("/" + TestApplication.NAME + path);
    }
}
