package io.pagorecon.simulator.scenario;

import java.nio.file.Path;
import java.time.LocalDate;

/** {@code ScenarioMain <seed> <orders> <yyyy-mm-dd> <dir>}: writes a business day's files. */
public final class ScenarioMain {

  private ScenarioMain() {}

  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println("usage: ScenarioMain <seed> <orders> <yyyy-mm-dd> <dir>");
      System.exit(2);
    }
    ScenarioFiles.Summary s = ScenarioFiles.write(
        ScenarioConfig.of(Long.parseLong(args[0]), Integer.parseInt(args[1]), LocalDate.parse(args[2])), Path.of(args[3]));
    System.out.println("orders " + s.orderRows() + ", statement rows " + s.statementRows() + ", webhooks "
        + s.webhookLines() + ", findings " + s.findings());
  }
}
