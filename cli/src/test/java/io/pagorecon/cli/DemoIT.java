package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's first Quick start command, end to end (moto, simulator, real webhook handler over HTTP). */
class DemoIT {

  /** Under target/, not a temporary directory: .ci/scan-test-logs reads the logs written here. */
  Path dir;

  @BeforeEach
  void outputDirectory() throws java.io.IOException {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-it-");
  }

  @Test
  void demo_shouldFindExactlyTheGroundTruthAndExit0_whenPlayingAGeneratedDay() throws Exception {
    Cli cli = new Cli();

    // The help's documented example (smaller than the default 500, to keep CI short), its --out put under the test's directory.
    List<String> example = HelpExamples.words(HelpExamples.of("demo").stream().filter(e -> e.contains("--orders")).findFirst().orElseThrow());
    assertThat(example).containsSequence("--orders", "250").containsSequence("--out", "/tmp/pagorecon-demo");
    example.set(example.indexOf("/tmp/pagorecon-demo"), dir.toString());
    int code = cli.run(example.toArray(String[]::new));

    assertThat(code).as(cli.out() + cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("pagorecon demo: business date 2024-01-15, 250 orders, seed 3; stage production")
        .contains("Ground truth: MATCH")
        .contains("Subject: [pagorecon production] 2024-01-15")
        .contains("---- DingTalk robot stand-in received")
        .doesNotContain("received 0 message")
        .contains("ReconcileFunction (rule: statements/production/2024/01/15/manifest.json)")
        .contains("DingTalkFunction (queue, ")
        .doesNotContain("FAILED")
        .contains("s3://").contains("reports/production/2024/01/15/discrepancies.csv");
    String csv = Files.readString(dir.resolve("reports/discrepancies.csv"), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFFbusiness_date,category,severity,order_id,cip");
    long truthRows = Files.readAllLines(dir.resolve("ground-truth.csv")).size() - 1;
    assertThat(truthRows).isGreaterThan(5);
    assertThat(csv.lines().count() - 1).isEqualTo(truthRows);
    assertThat(Files.readString(dir.resolve("webhooks.jsonl"))).contains("\"eventType\":\"cip.paid\"");
  }

  @Test
  void demo_shouldRunTheDailyJobsAfterTheBusinessDay_whenNoPlannedStepCrossesMidnight() {
    Cli cli = new Cli();

    int code = cli.run("demo", "--orders", "20", "--seed", "5", "--date", "2024-01-15", "--out", dir.toString());

    assertThat(code).as(cli.out() + cli.err()).isZero();
    assertThat(cli.out()).contains("simulated time now 2024-01-16T").contains("Ground truth: MATCH");
  }
}
