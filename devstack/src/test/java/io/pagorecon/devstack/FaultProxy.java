package io.pagorecon.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A scriptable HTTP proxy in front of moto (127.0.0.1 only): point {@code AWS_ENDPOINT_URL} at it
 * and tell it to fail chosen AWS calls, e.g. "the next 20 DynamoDB TransactWriteItems answer 500",
 * "the next S3 PutObject loses its connection after moto stored the object". Everything else is
 * forwarded unchanged. The SDK does not verify that the endpoint is the real one, and moto does not
 * verify signatures, so the proxy is invisible until a fault fires.
 */
public final class FaultProxy implements AutoCloseable {

  /** What happens to a request that matches a scripted fault. */
  public enum Fault {
    /** 500 InternalServerError, nothing forwarded. */
    HTTP_500,
    /** The service's throttling answer (DynamoDB 400 ThrottlingException, S3 503 SlowDown), nothing forwarded. */
    THROTTLE,
    /** DynamoDB 400 ProvisionedThroughputExceededException, nothing forwarded. */
    THROUGHPUT_EXCEEDED,
    /** The connection is closed before any answer; nothing forwarded. */
    DROP_BEFORE,
    /** Forwarded (moto applies it), then the connection is closed before the answer: the caller cannot know. */
    DROP_AFTER
  }

  /** Which requests a fault applies to. */
  public record Match(String description, Predicate<Request> test) {
    /** A DynamoDB operation, e.g. {@code TransactWriteItems}, by its {@code X-Amz-Target}. */
    public static Match dynamoDb(String operation) {
      return new Match("DynamoDB " + operation, r -> ("DynamoDB_20120810." + operation).equals(r.target()));
    }

    /** Any DynamoDB call. */
    public static Match anyDynamoDb() {
      return new Match("DynamoDB *", r -> r.target() != null && r.target().startsWith("DynamoDB_20120810."));
    }

    /** S3 PutObject (path style: {@code PUT /bucket/key}) whose key starts with {@code keyPrefix}. */
    public static Match s3PutObject(String keyPrefix) {
      return new Match("S3 PutObject " + keyPrefix + "*", r -> {
        if (!r.method().equals("PUT") || r.target() != null || r.headers().containsKey("x-amz-copy-source")) {
          return false;
        }
        String path = r.path();
        int slash = path.indexOf('/', 1);
        return slash > 0 && path.substring(slash + 1).startsWith(keyPrefix);
      });
    }

    /** An SNS action, e.g. {@code Publish} (query protocol {@code Action=...}, or the JSON target). */
    public static Match sns(String action) {
      return new Match("SNS " + action, r -> action.equals(r.formAction()) || ("AmazonSNS." + action).equals(r.target()));
    }

    /** A Secrets Manager operation, e.g. {@code GetSecretValue}. */
    public static Match secretsManager(String operation) {
      return new Match("SecretsManager " + operation, r -> ("secretsmanager." + operation).equals(r.target()));
    }
  }

  /** What the matcher sees of a request: method, raw path, lower-cased headers, a form's {@code Action}. */
  public record Request(String method, String path, Map<String, String> headers, String formAction) {
    String target() {
      return headers.get("x-amz-target");
    }
  }

  private static String formAction(Map<String, String> headers, byte[] body) {
    String type = headers.getOrDefault("content-type", "");
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      return null;
    }
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.startsWith("Action=")) {
        return java.net.URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static final class Rule {
    final Match match;
    final Fault fault;
    final AtomicInteger remaining;

    Rule(Match match, Fault fault, int times) {
      this.match = match;
      this.fault = fault;
      this.remaining = new AtomicInteger(times);
    }
  }

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive", "proxy-connection", "te", "trailer");

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService workers;
  private final HttpClient client;
  private final List<Rule> rules = new ArrayList<>();
  private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final java.util.concurrent.locks.ReentrantLock dynamoDbCalls = new java.util.concurrent.locks.ReentrantLock(true);
  private volatile boolean serializeDynamoDb;

  private FaultProxy(URI upstream, HttpServer server, ExecutorService workers) {
    this.upstream = upstream;
    this.server = server;
    this.workers = workers;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(workers)
        .build();
  }

  /** Starts a proxy to {@code upstream} (moto's endpoint) on a free loopback port. */
  public static FaultProxy start(URI upstream) {
    Objects.requireNonNull(upstream, "upstream");
    try {
      HttpServer server = LoopbackHttpServer.create(0, 256);
      ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(workers);
      FaultProxy proxy = new FaultProxy(upstream, server, workers);
      server.createContext("/", proxy::handle);
      server.start();
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind the fault proxy on 127.0.0.1", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} requests matching {@code match} get {@code fault}. */
  public synchronized FaultProxy failNext(Match match, Fault fault, int times) {
    rules.add(new Rule(match, fault, times));
    return this;
  }

  /**
   * Forwards DynamoDB calls one at a time. moto 5.2.1 snapshots whole tables with an unlocked
   * {@code deepcopy} inside TransactWriteItems, so a concurrent call fails it with a 500
   * ("dictionary changed size during iteration") and condition checks can interleave; real
   * DynamoDB isolates transactions itself. Use this for concurrency tests against moto.
   */
  public FaultProxy serializeDynamoDb(boolean on) {
    this.serializeDynamoDb = on;
    return this;
  }

  /** Drops every scripted fault that has not fired yet. */
  public synchronized void clearFaults() {
    rules.clear();
  }

  /** How many times {@code fault} fired for {@code match} so far. */
  public int injected(Match match, Fault fault) {
    return injected.getOrDefault(match.description() + "/" + fault, new AtomicInteger()).get();
  }

  /** Requests passed to moto (including those dropped after forwarding). */
  public int forwarded() {
    return forwarded.get();
  }

  private synchronized Rule take(Request request) {
    for (Rule rule : rules) {
      if (rule.remaining.get() > 0 && rule.match.test().test(request)) {
        rule.remaining.decrementAndGet();
        injected.computeIfAbsent(rule.match.description() + "/" + rule.fault, k -> new AtomicInteger()).incrementAndGet();
        return rule;
      }
    }
    return null;
  }

  /** One DynamoDB call at a time (lock taken and released in one place). */
  private HttpResponse<byte[]> forwardAlone(Request request, String query, byte[] body)
      throws IOException, InterruptedException {
    dynamoDbCalls.lock();
    try {
      return forward(request, query, body);
    } finally {
      dynamoDbCalls.unlock();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Map<String, String> headers = new java.util.TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Request request = new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path, headers, formAction(headers, body));
      Rule rule = take(request);
      Fault fault = rule == null ? null : rule.fault;
      if (fault == Fault.DROP_BEFORE) {
        drop(exchange);
        return;
      }
      if (fault == Fault.HTTP_500 || fault == Fault.THROTTLE || fault == Fault.THROUGHPUT_EXCEEDED) {
        answerFault(exchange, request, fault);
        return;
      }
      HttpResponse<byte[]> response = serializeDynamoDb && isDynamoDb(request)
          ? forwardAlone(request, query, body)
          : forward(request, query, body);
      forwarded.incrementAndGet();
      if (fault == Fault.DROP_AFTER) {
        drop(exchange);
        return;
      }
      response.headers().map().forEach((k, v) -> {
        if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
          v.forEach(value -> exchange.getResponseHeaders().add(k, value));
        }
      });
      byte[] out = response.body();
      boolean noBody = request.method().equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
      exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : (out.length == 0 ? -1 : out.length));
      if (!noBody && out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
      exchange.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drop(exchange);
    } catch (IOException | RuntimeException e) {
      // moto unreachable or a broken request: the client sees a dropped connection, as from a dead endpoint.
      drop(exchange);
    }
  }

  private static boolean isDynamoDb(Request request) {
    String target = request.target();
    return target != null && target.startsWith("DynamoDB_20120810.");
  }

  private HttpResponse<byte[]> forward(Request request, String query, byte[] body) throws IOException, InterruptedException {
    URI target = URI.create(upstream.toString().replaceAll("/$", "") + request.path() + (query == null ? "" : "?" + query));
    HttpRequest.Builder b = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(30))
        .method(request.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    request.headers().forEach((k, v) -> {
      if (!HOP_BY_HOP.contains(k)) {
        b.header(k, v);
      }
    });
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Closes the exchange without a status line: the client reads an unexpected end of stream. */
  private static void drop(HttpExchange exchange) {
    // Closing an exchange whose headers were never sent closes its connection.
    exchange.close();
  }

  private static void answerFault(HttpExchange exchange, Request request, Fault fault) throws IOException {
    boolean json = request.target() != null;
    int status;
    String body;
    if (json) {
      String type = switch (fault) {
        case HTTP_500 -> "com.amazonaws.dynamodb.v20120810#InternalServerError";
        case THROTTLE -> "com.amazonaws.dynamodb.v20120810#ThrottlingException";
        default -> "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException";
      };
      status = fault == Fault.HTTP_500 ? 500 : 400;
      body = "{\"__type\":\"" + type + "\",\"message\":\"injected by FaultProxy\"}";
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
    } else {
      String code = fault == Fault.HTTP_500 ? "InternalError" : "SlowDown";
      status = fault == Fault.HTTP_500 ? 500 : 503;
      body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected by FaultProxy</Message>"
          + "<RequestId>fault-proxy</RequestId></Error>";
      exchange.getResponseHeaders().add("Content-Type", "application/xml");
    }
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
