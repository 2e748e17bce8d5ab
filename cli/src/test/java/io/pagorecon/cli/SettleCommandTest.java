package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettleCommandTest {

  @TempDir Path dir;

  /** The {@code category,settlement_id,cip} triples of a report or a ground truth, header dropped. */
  private static Set<String> triples(Path file, boolean report) throws IOException {
    Set<String> out = new TreeSet<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      out.add(report ? f[0] + "," + f[2] + "," + f[3] : line);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"300,4,2024-01-15", "2000,11,2024-07-26", "1200,5,2024-03-27"})
  void generateThenSettle_shouldReportExactlyTheGroundTruth(int orders, long seed, String date) throws IOException {
    Cli gen = new Cli();
    assertThat(gen.run("generate", "--orders", Integer.toString(orders), "--seed", Long.toString(seed), "--date", date, "--out", dir.toString())).isZero();
    String next = gen.out().lines().filter(l -> l.startsWith("next: ./pagorecon settle")).findFirst().orElseThrow();
    List<String> args = new ArrayList<>(List.of(next.substring("next: ./pagorecon ".length()).split(" ")));

    Cli settle = new Cli();
    int code = settle.run(args.toArray(String[]::new));

    assertThat(code).as(settle.err()).isEqualTo(ExitCodes.DISCREPANCIES);
    Set<String> truth = triples(dir.resolve("settlement-ground-truth.csv"), false);
    assertThat(truth.stream().map(t -> t.split(",")[0]).distinct().count()).as("every category is planted").isEqualTo(10);
    assertThat(triples(dir.resolve("reports/settlement-discrepancies.csv"), true)).isEqualTo(truth);
    assertThat(Files.readString(dir.resolve("reports/settlement-summary.json"))).contains("\"FX_RATE_DEVIATION\" : 1");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private void consistentFiles() throws IOException {
    write("statement.csv", "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
        + "1001,ORD-1,100.00,PEN,PAID,2024-01-15T09:00:00-05:00,,2024-01-15T10:00:00-05:00,\n");
    write("settlements.csv", "settlement_id,settled_on,cip,transaction_code,gross_amount,currency,fee,fee_tax,net_amount,payout_currency,fx_rate\n"
        + "LQ-1,2024-01-16,1001,ORD-1,100.00,PEN,4.00,0.72,95.28,PEN,\n");
    write("bank.csv", "booked_on,amount,currency,reference\n2024-01-17,95.28,PEN,PAGOEFECTIVO LQ-1\n");
    write("fees.csv", "currency,percent,fixed,tax_percent,minimum\nPEN,3.5,0.50,18,1.00\n");
  }

  private String[] args(String... extra) {
    List<String> a = new ArrayList<>(List.of("settle", "--statement", dir.resolve("statement.csv").toString(), "--settlements", dir.resolve("settlements.csv").toString(),
        "--bank", dir.resolve("bank.csv").toString(), "--fees", dir.resolve("fees.csv").toString(), "--out", dir.resolve("out").toString()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void settle_shouldExit0AndWriteBothReports_whenEverythingArrived() throws IOException {
    consistentFiles();
    Cli cli = new Cli();

    int code = cli.run(args("--as-of", "2024-01-31"));

    assertThat(code).as(cli.err()).isZero();
    byte[] csv = Files.readAllBytes(dir.resolve("out/settlement-discrepancies.csv"));
    assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo("\uFEFFcategory,severity,settlement_id,cip,transaction_code,expected,actual,currency,detail\n");
    assertThat(Files.readString(dir.resolve("out/settlement-summary.json"))).contains("\"status\" : \"RECEIVED\"").contains("\"received\" : \"95.28\"");
    assertThat(cli.out()).contains("discrepancies 0");
    assertThat(Files.readString(dir.resolve("out/monthly-statement-2024-01.csv"))).contains("summary,PEN,received,95.28,");
    assertThat(Files.readString(dir.resolve("out/monthly-statement-2024-01.html"))).contains("Monthly settlement statement 2024-01");
  }

  @Test
  void settle_shouldDefaultAsOfToTodayInLima_andUseTheHolidaysFile() throws IOException {
    consistentFiles();
    write("bank.csv", "booked_on,amount,currency,reference\n");
    // clock: 2024-01-16 in Lima; settled 16 Jan + 3 business days = 19 Jan, so in transit
    Cli today = new Cli();
    assertThat(today.run(args())).as(today.err()).isZero();
    write("holidays.txt", "2024-01-17\n");
    Cli later = new Cli();
    // with the 17th a holiday, 16 Jan + 3 = 22 Jan: still in transit on the 19th, overdue on the 22nd
    assertThat(later.run(args("--as-of", "2024-01-19", "--holidays", dir.resolve("holidays.txt").toString()))).isZero();
    Cli overdue = new Cli();
    assertThat(overdue.run(args("--as-of", "2024-01-22", "--holidays", dir.resolve("holidays.txt").toString()))).isEqualTo(ExitCodes.DISCREPANCIES);
    assertThat(Files.readString(dir.resolve("out/settlement-discrepancies.csv"))).contains("PAYOUT_NOT_RECEIVED,critical,LQ-1,,,95.28,,PEN,");
  }

  @Test
  void settle_shouldExit2AndWriteNothing_onBadInput() throws IOException {
    consistentFiles();
    write("bank.csv", "booked_on,amount,currency,reference\n2024-01-17,95.28,EUR,LQ-1\n");
    Cli cli = new Cli();

    int code = cli.run(args("--as-of", "2024-01-31"));

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("bank.csv:2: currency: \"EUR\" is not a currency (PEN or USD)");
    assertThat(Files.exists(dir.resolve("out/settlement-discrepancies.csv"))).isFalse();
    assertThat(Files.exists(dir.resolve("out/settlement-summary.json"))).isFalse();
    Cli missing = new Cli();
    assertThat(missing.run("settle", "--statement", "x.csv")).isEqualTo(ExitCodes.BAD_INPUT);
    Cli badFormat = new Cli();
    assertThat(badFormat.run(args("--bank-format", "nosuchbank"))).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(badFormat.err()).contains("--bank-format");
  }
}
