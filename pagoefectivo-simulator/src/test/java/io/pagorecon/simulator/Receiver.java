package io.pagorecon.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A webhook endpoint for tests: records every request's exact bytes and answers scripted statuses. */
final class Receiver implements AutoCloseable {

  record Received(byte[] body, String signature, String contentType) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private int defaultStatus = 200;
  private int hangs;

  Receiver() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/webhook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      boolean hang;
      synchronized (this) {
        hang = hangs > 0;
        hangs--;
      }
      if (hang) {
        // Answer far later than the sender's timeout: the sender must count a failure.
        try {
          Thread.sleep(4000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status;
      synchronized (this) {
        received.add(new Received(body, ex.getRequestHeaders().getFirst("PE-Signature"),
            ex.getRequestHeaders().getFirst("Content-Type")));
        Integer s = statuses.poll();
        status = s == null ? defaultStatus : s;
      }
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.setExecutor(pool);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
  }

  synchronized void answer(int... next) {
    for (int s : next) {
      statuses.add(s);
    }
  }

  synchronized void hangNext(int count) {
    hangs = count;
  }

  synchronized void answerAlways(int status) {
    defaultStatus = status;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
