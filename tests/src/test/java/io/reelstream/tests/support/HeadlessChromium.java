package io.reelstream.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's {@code chromium} package) driven over the Chrome DevTools
 * protocol with the JDK's own WebSocket client: navigate, read the rendered text, take screenshots.
 * No WebDriver, no extra dependency: only the browser binary, which {@code .ci/run} installs.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> EXECUTABLES =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket.Builder builder, URI page)
            throws Exception {
        this.process = process;
        this.socket = builder.buildAsync(page, new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** Makes the page's viewport exactly {@code width} x {@code height} CSS pixels. */
    private void viewport(int width, int height) throws Exception {
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** The browser binary, if one is installed. */
    public static Optional<Path> executable() {
        return EXECUTABLES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts the browser with a fresh profile in {@code profileDir} (its log goes there too) and a
     * viewport of {@code width} x {@code height} pixels.
     */
    public static HeadlessChromium start(Path profileDir, int width, int height) throws Exception {
        Path binary =
                executable()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "No Chromium: apt-get install chromium"));
        Files.createDirectories(profileDir);
        Process process =
                new ProcessBuilder(
                                binary.toString(),
                                "--headless=new",
                                "--no-sandbox", // root in CI
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--remote-debugging-port=0",
                                "--remote-allow-origins=*",
                                "--user-data-dir=" + profileDir.toAbsolutePath(),
                                "--window-size=" + width + "," + height,
                                "about:blank")
                        .redirectErrorStream(true)
                        .redirectOutput(profileDir.resolve("chromium.log").toFile())
                        .start();
        try {
            int port = devToolsPort(profileDir.resolve("DevToolsActivePort"), process);
            HttpClient http = HttpClient.newHttpClient();
            URI page = pageSocket(http, port);
            HeadlessChromium browser =
                    new HeadlessChromium(process, http.newWebSocketBuilder(), page);
            browser.viewport(width, height);
            return browser;
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code url} in the page (single-page apps then render asynchronously). */
    public void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** The text the page shows now ({@code document.body.innerText}). */
    public String text() throws Exception {
        return evaluate("document.body ? document.body.innerText : ''");
    }

    /** The value of a JavaScript expression in the page, as a string. */
    public String evaluate(String expression) throws Exception {
        JsonNode result =
                call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return result.path("result").path("value").asText("");
    }

    /** Polls {@code expression} until it is {@code "true"}; false if it never was in time. */
    public boolean awaitTrue(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"true".equals(evaluate("String(" + expression + ")"))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    /**
     * Polls the page text until {@code condition} holds and returns it; fails with the last text
     * seen after {@code timeout}.
     */
    public String awaitText(String what, Predicate<String> condition, Duration timeout)
            throws Exception {
        return awaitValue(what, "document.body ? document.body.innerText : ''", condition, timeout);
    }

    /**
     * Polls a JavaScript expression until {@code condition} holds for its value and returns it;
     * fails with the last value seen after {@code timeout}.
     */
    public String awaitValue(
            String what, String expression, Predicate<String> condition, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = evaluate(expression);
        while (!condition.test(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Page never showed "
                                + what
                                + " within "
                                + timeout
                                + "; it showed:\n"
                                + text);
            }
            Thread.sleep(250);
            text = evaluate(expression);
        }
        return text;
    }

    /** Saves a PNG screenshot of the viewport. */
    public void screenshot(Path png) throws Exception {
        JsonNode result = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(result.path("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        ObjectNode request = JSON.createObjectNode();
        request.put("id", id);
        request.put("method", method);
        request.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(request), true)
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = response.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is stopped below anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int devToolsPort(Path portFile, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with " + process.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IOException("Chromium did not open its DevTools port within 30 s");
    }

    private static URI pageSocket(HttpClient http, int port) throws Exception {
        HttpResponse<String> list =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/json/list"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
            if ("page".equals(target.path("type").asText())) {
                return URI.create(target.path("webSocketDebuggerUrl").asText());
            }
        }
        throw new IOException("No page target in " + list.body());
    }

    /** Reassembles messages and completes the pending call each reply answers. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                try {
                    JsonNode reply = JSON.readTree(text);
                    if (reply.has("id")) {
                        CompletableFuture<JsonNode> call = pending.remove(reply.get("id").asInt());
                        if (call != null) {
                            call.complete(reply);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
