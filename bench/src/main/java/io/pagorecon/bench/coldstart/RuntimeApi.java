package io.pagorecon.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Lambda's Runtime API (2018-06-01) on 127.0.0.1 for one invocation: the runtime client long-polls
 * {@code invocation/next}, gets the queued event, and posts the response (or an error) back.
 */
final class RuntimeApi implements AutoCloseable {

  private static final String PREFIX = "/2018-06-01/runtime/";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "runtime-api");
    t.setDaemon(true);
    return t;
  });
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  /** Completes with the response body, or with {@code ERROR:}/{@code INIT_ERROR:} and the error body. */
  final CompletableFuture<String> answer = new CompletableFuture<>();

  RuntimeApi(String event) throws IOException {
    events.add(event);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.setExecutor(threads);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("invocation/next")) {
        String event = events.take();
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "cold-1");
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, 200, event);
      } else if (path.endsWith("/response")) {
        answer.complete(body);
        send(exchange, 202, "{}");
      } else if (path.endsWith("/error")) {
        answer.complete((path.startsWith("init") ? "INIT_ERROR:" : "ERROR:") + body);
        send(exchange, 202, "{}");
      } else {
        send(exchange, 404, "{}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
