package io.pagorecon.devstack.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A small stand-in for Lambda's Runtime API (2018-06-01) on 127.0.0.1: hands queued events to the
 * runtime interface client on {@code GET /runtime/invocation/next} and captures what it posts back.
 * Used by the runtime-path tests and by {@code bench coldstart}.
 */
public final class RuntimeApiStandIn implements AutoCloseable {

  private static final String PREFIX = "/2018-06-01/runtime/";

  private record Invocation(String requestId, String event) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "runtime-api-stand-in");
    t.setDaemon(true);
    return t;
  });
  private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<String>> results = new ConcurrentHashMap<>();
  private final CompletableFuture<String> initError = new CompletableFuture<>();

  public RuntimeApiStandIn() throws IOException {
    server = LoopbackHttpServer.create(0, 16);
    server.setExecutor(threads);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues one invocation; the future completes with the response body ({@code ERROR:} + body for an error). */
  public CompletableFuture<String> invoke(String requestId, String eventJson) {
    CompletableFuture<String> result = new CompletableFuture<>();
    results.put(requestId, result);
    pending.add(new Invocation(requestId, eventJson));
    return result;
  }

  /** Completes when the runtime reports an initialization error. */
  public CompletableFuture<String> initError() {
    return initError;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("invocation/next")) {
        Invocation next = pending.take(); // held until the test queues an event, as Lambda does
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:local");
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, 200, next.event());
      } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
        complete(path, body);
        send(exchange, 202, "{\"status\":\"OK\"}");
      } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
        complete(path, "ERROR:" + body);
        send(exchange, 202, "{\"status\":\"OK\"}");
      } else if (path.equals("init/error")) {
        initError.complete(body);
        send(exchange, 202, "{\"status\":\"OK\"}");
      } else {
        send(exchange, 404, "{}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void complete(String path, String body) {
    String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
    CompletableFuture<String> f = results.get(requestId);
    if (f != null) {
      f.complete(body);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
