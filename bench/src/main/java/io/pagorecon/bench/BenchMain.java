package io.pagorecon.bench;

import io.pagorecon.bench.reconcile.ReconcileBench;
import io.pagorecon.bench.webhook.WebhookBench;
import io.pagorecon.bench.coldstart.ColdStartBench;
import io.pagorecon.bench.statement.StatementBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pagorecon bench ...}: the benchmarks of docs/performance.md, in their own JVM and jar. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that run their baseline in the same run (docs/performance.md).",
    subcommands = {ReconcileBench.class, ColdStartBench.class, WebhookBench.class, StatementBench.class,
        io.pagorecon.bench.statement.StatementSlicesBench.class, io.pagorecon.bench.settle.SettleBench.class, io.pagorecon.bench.daily.DailyBench.class})
public final class BenchMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }
}
