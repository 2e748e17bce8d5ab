package io.pagorecon.pagoefectivo;

import java.time.Duration;

/** Waits between retries and for the rate limit; tests inject one that records and returns. */
@FunctionalInterface
public interface Sleeper {

  Sleeper REAL = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

  void sleep(Duration duration) throws InterruptedException;
}
