package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @TempDir Path dir;

  @Test
  void generate_shouldWriteTheFourFilesWithGroundTruth_whenGivenSizeSeedAndDate() throws IOException {
    Cli cli = new Cli();

    int code = cli.run("generate", "--orders", "300", "--seed", "4", "--date", "2024-01-15", "--out", dir.toString());

    assertThat(code).isZero();
    assertThat(Files.readAllLines(dir.resolve("orders.csv")).get(0)).isEqualTo("order_id,cip,amount,currency,status,created_at,paid_at");
    assertThat(Files.readAllLines(dir.resolve("statement.csv")).get(0))
        .isEqualTo("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at");
    List<String> truth = Files.readAllLines(dir.resolve("ground-truth.csv"));
    assertThat(truth.get(0)).isEqualTo("category,order_id,cip");
    assertThat(truth.size()).isGreaterThan(10);
    assertThat(Files.lines(dir.resolve("orders.csv")).filter(l -> l.startsWith("ORD-20240115-")).count()).isBetween(290L, 300L);
    assertThat(Files.exists(dir.resolve("webhooks.jsonl"))).isTrue();
    assertThat(cli.out()).contains("business date 2024-01-15").contains("./pagorecon reconcile --orders");
  }

  @Test
  void generate_shouldWriteIdenticalFiles_whenRunTwiceWithTheSameSeed() throws IOException {
    new Cli().run("generate", "--orders", "200", "--seed", "8", "--date", "2024-01-15", "--out", dir.resolve("a").toString());
    new Cli().run("generate", "--orders", "200", "--seed", "8", "--date", "2024-01-15", "--out", dir.resolve("b").toString());

    for (String f : List.of("orders.csv", "statement.csv", "webhooks.jsonl", "ground-truth.csv")) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
    }
  }

  @Test
  void generate_shouldDefaultToYesterdayInLima_whenNoDateIsGiven() {
    Cli cli = new Cli(); // clock: 2024-01-16 15:00 in Lima

    int code = cli.run("generate", "--orders", "1", "--out", dir.toString());

    assertThat(code).isZero();
    assertThat(cli.out()).contains("business date 2024-01-15");
  }

  @Test
  void generate_shouldExit2_whenOrdersIsNegativeOrNotANumber() {
    Cli negative = new Cli();
    Cli text = new Cli();
    Cli badDate = new Cli();

    assertThat(negative.run("generate", "--orders", "-1", "--out", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(text.run("generate", "--orders", "many")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(badDate.run("generate", "--date", "15/01/2024")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(negative.err()).contains("--orders");
    assertThat(text.err()).contains("--orders");
    assertThat(badDate.err()).contains("--date");
  }

  @Test
  void generate_shouldSayWhyTheExportHasFewerOrdersThanAsked() {
    Cli cli = new Cli();

    int code = cli.run("generate", "--orders", "1000", "--seed", "7", "--date", "2024-01-15", "--out", dir.resolve("why").toString());

    assertThat(code).isZero();
    assertThat(cli.out()).containsPattern("orders 99\\d \\(1000 planned; \\d+ UNKNOWN_ORDER paid at the gateway but left out of the export on purpose\\)");
  }

  @Test
  void out_shouldBeCreatedWithItsMissingParents() {
    Cli cli = new Cli();
    java.nio.file.Path out = dir.resolve("missing/parent/scenario");

    int code = cli.run("generate", "--orders", "3", "--out", out.toString());

    assertThat(code).as(cli.err()).isZero();
    assertThat(out.resolve("orders.csv")).exists();
  }
}
