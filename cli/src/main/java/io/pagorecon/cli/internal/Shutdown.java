package io.pagorecon.cli.internal;

import java.util.concurrent.CountDownLatch;

/** Long-running commands (serve, simulate) block here until Ctrl-C or SIGTERM. */
public final class Shutdown {

  private Shutdown() {}

  /** Returns when the JVM begins shutting down (or the thread is interrupted). */
  public static void await() {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
