package io.pagorecon.devstack.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * The functions behind a local HTTP endpoint, as API Gateway's HTTP API would call them: each real
 * request becomes a payload-v2 event (lower-cased headers, path parameters, a request id, the body
 * as text or base64 exactly as API Gateway does) and the handler's response becomes the HTTP
 * response. Binds 127.0.0.1 only. Used by {@code ./pagorecon serve}, the demo and the tests.
 */
public final class LocalHttpApi implements AutoCloseable {

  /** A function behind a route: the handler's {@code handleRequest} with a null Lambda context. */
  @FunctionalInterface
  public interface Route extends BiFunction<APIGatewayV2HTTPEvent, Object, APIGatewayV2HTTPResponse> {}

  private record Binding(String method, List<String> segments, String routeKey, Route route) {}

  /** API Gateway HTTP APIs refuse payloads above 10 MB. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final HttpServer server;
  private final ExecutorService workers;
  private final List<Binding> bindings;

  private LocalHttpApi(HttpServer server, ExecutorService workers, List<Binding> bindings) {
    this.server = server;
    this.workers = workers;
    this.bindings = bindings;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private final List<Binding> bindings = new ArrayList<>();
    private int port;
    private int threads = 64;

    /** {@code routeKey} as in the template: {@code "POST /webhooks/pagoefectivo"}, {@code "GET /payments/{orderId}"}. */
    public Builder route(String routeKey, Route route) {
      String[] parts = routeKey.trim().split("\\s+", 2);
      if (parts.length != 2 || !parts[1].startsWith("/")) {
        throw new IllegalArgumentException("route key must be 'METHOD /path': " + routeKey);
      }
      bindings.add(new Binding(parts[0].toUpperCase(Locale.ROOT), segments(parts[1]), parts[0].toUpperCase(Locale.ROOT) + " " + parts[1], Objects.requireNonNull(route)));
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public LocalHttpApi start() throws IOException {
      HttpServer server = LoopbackHttpServer.create(port, 128);
      ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "local-http-api");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(workers);
      LocalHttpApi api = new LocalHttpApi(server, workers, List.copyOf(bindings));
      server.createContext("/", api::handle);
      server.start();
      return api;
    }
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      Optional<Map.Entry<Binding, Map<String, String>>> match = match(method, path);
      if (match.isEmpty()) {
        reply(exchange, 404, "{\"message\":\"Not Found\"}");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        reply(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
        return;
      }
      APIGatewayV2HTTPEvent event = toEvent(exchange, match.get().getKey(), match.get().getValue(), body);
      APIGatewayV2HTTPResponse response;
      try {
        response = match.get().getKey().route().apply(event, null);
      } catch (RuntimeException e) {
        // What API Gateway answers when the integration fails.
        reply(exchange, 500, "{\"message\":\"Internal Server Error\"}");
        return;
      }
      byte[] out = response.getBody() == null ? new byte[0]
          : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
          : response.getBody().getBytes(StandardCharsets.UTF_8);
      if (response.getHeaders() != null) {
        response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      }
      exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  private Optional<Map.Entry<Binding, Map<String, String>>> match(String method, String path) {
    List<String> given = segments(path);
    for (Binding b : bindings) {
      if (!b.method().equals(method) || b.segments().size() != given.size()) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      boolean ok = true;
      for (int i = 0; i < given.size() && ok; i++) {
        String pattern = b.segments().get(i);
        if (pattern.startsWith("{") && pattern.endsWith("}")) {
          params.put(pattern.substring(1, pattern.length() - 1), java.net.URLDecoder.decode(given.get(i), StandardCharsets.UTF_8));
        } else {
          ok = pattern.equals(given.get(i));
        }
      }
      if (ok) {
        return Optional.of(Map.entry(b, params));
      }
    }
    return Optional.empty();
  }

  private static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, Binding binding, Map<String, String> pathParams, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        cookies.addAll(values);
      } else {
        headers.put(lower, String.join(",", values));
      }
    });
    String query = exchange.getRequestURI().getRawQuery();
    Map<String, String> queryParams = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String k = java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        queryParams.merge(k, v, (a, b) -> a + "," + b);
      }
    }
    Instant now = Instant.now();
    String requestId = UUID.randomUUID().toString();
    APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
        .withMethod(binding.method())
        .withPath(exchange.getRequestURI().getRawPath())
        .withProtocol(exchange.getProtocol())
        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
        .withUserAgent(headers.getOrDefault("user-agent", ""))
        .build();
    APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
        .withAccountId("000000000000")
        .withApiId("local")
        .withDomainName("127.0.0.1")
        .withDomainPrefix("local")
        .withHttp(http)
        .withRequestId(requestId)
        .withRouteKey(binding.routeKey())
        .withStage("$default")
        .withTime(REQUEST_TIME.format(now))
        .withTimeEpoch(now.toEpochMilli())
        .build();
    boolean text = isText(headers.get("content-type")) && isUtf8(body);
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(binding.routeKey())
        .withRawPath(exchange.getRequestURI().getRawPath())
        .withRawQueryString(query == null ? "" : query)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withHeaders(headers)
        .withQueryStringParameters(queryParams.isEmpty() ? null : queryParams)
        .withPathParameters(pathParams.isEmpty() ? null : pathParams)
        .withRequestContext(context)
        .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length != 0 && !text)
        .build();
  }

  /** Like API Gateway: textual media types arrive as text, anything else base64-encoded. */
  private static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    return ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("x-www-form-urlencoded") || ct.contains("javascript");
  }

  private static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The body, or null when it is larger than API Gateway accepts. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] out = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("content-type", "application/json");
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
