package io.pagorecon.devstack.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The JDK's HTTP server on 127.0.0.1, answering without a delayed-ACK stall. */
public final class LoopbackHttpServer {

  /** The JDK server's switch for TCP_NODELAY on accepted connections. */
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private LoopbackHttpServer() {}

  /**
   * A server on 127.0.0.1 ({@code port} 0 picks a free one), not yet started. The JDK server writes
   * an answer's headers and body separately; without TCP_NODELAY the second write waits for the
   * peer's delayed ACK, about 40 ms a request. The JDK reads the switch once, when the JVM's first
   * server is created, so every server the demo, {@code serve} and the tests start comes through
   * here (the simulator sets it too).
   */
  public static HttpServer create(int port, int backlog) throws IOException {
    System.setProperty(NO_DELAY, "true");
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
  }
}
