package io.pagorecon.bench.webhook;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench webhook}: runs {@link WebhookBenchmark} with JMH (one fork) and prints the medians. */
@Command(name = "webhook", mixinStandardHelpOptions = true,
    description = "JMH: warm per-notification cost of verify + parse + state decision (no I/O).")
public final class WebhookBench implements Callable<Integer> {

  @Option(names = "--iterations", defaultValue = "5", description = "Measurement iterations of 1 s (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Override
  public Integer call() throws Exception {
    Options opts = new OptionsBuilder()
        .include(WebhookBenchmark.class.getName() + ".*")
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgs("-Xmx512m")
        .build();
    Collection<RunResult> results = new Runner(opts).run();
    for (RunResult r : results) {
      var stats = r.getPrimaryResult().getStatistics();
      String name = r.getParams().getBenchmark();
      System.out.println(String.format(Locale.ROOT, "webhook benchmark=%s median_us=%.2f p90_us=%.2f mean_us=%.2f samples=%d",
          name.substring(name.lastIndexOf('.') + 1), stats.getPercentile(50), stats.getPercentile(90), stats.getMean(), stats.getN()));
    }
    return 0;
  }
}
