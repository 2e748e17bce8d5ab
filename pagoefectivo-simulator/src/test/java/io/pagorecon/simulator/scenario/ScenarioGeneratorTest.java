package io.pagorecon.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioGeneratorTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  private static final ZoneId LIMA = ZoneId.of("America/Lima");

  @TempDir Path tmp;

  private static List<String> lines(Path p) throws IOException {
    return Files.readAllLines(p);
  }

  @Test
  void generator_shouldBeDeterministicForASeed() throws IOException {
    ScenarioFiles.write(ScenarioConfig.of(7, 5_000, DAY), tmp.resolve("a"));
    ScenarioFiles.write(ScenarioConfig.of(7, 5_000, DAY), tmp.resolve("b"));
    ScenarioFiles.write(ScenarioConfig.of(8, 5_000, DAY), tmp.resolve("c"));

    for (String f : List.of(ScenarioFiles.ORDERS, ScenarioFiles.STATEMENT, ScenarioFiles.WEBHOOKS, ScenarioFiles.GROUND_TRUTH)) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
    }
    assertFalse(lines(tmp.resolve("a").resolve(ScenarioFiles.ORDERS)).equals(lines(tmp.resolve("c").resolve(ScenarioFiles.ORDERS))));
  }

  @Test
  void files_shouldHaveTheContractHeaders_andEveryCategory() throws IOException {
    ScenarioFiles.Summary s = ScenarioFiles.write(ScenarioConfig.of(1, 8_000, DAY), tmp);

    assertEquals("order_id,cip,amount,currency,status,created_at,paid_at", lines(tmp.resolve(ScenarioFiles.ORDERS)).get(0));
    assertEquals("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at",
        lines(tmp.resolve(ScenarioFiles.STATEMENT)).get(0));
    assertEquals("category,order_id,cip", lines(tmp.resolve(ScenarioFiles.GROUND_TRUTH)).get(0));
    assertEquals(Set.of("PAID_NOT_RECORDED", "RECORDED_NOT_PAID", "WEBHOOK_NOT_CONFIRMED", "AMOUNT_MISMATCH",
        "CURRENCY_MISMATCH", "DUPLICATE_PAYMENT", "REFUND_NOT_SYNCED", "UNKNOWN_ORDER", "MISSING_WEBHOOK", "LATE_WEBHOOK",
        "EXPIRED_ORDER_OPEN"), s.findings().keySet());
    assertEquals(8_000, s.fates().values().stream().mapToInt(Integer::intValue).sum());
  }

  /** Rows by their first column. */
  private static Map<String, String[]> byKey(Path p) throws IOException {
    Map<String, String[]> m = new HashMap<>();
    lines(p).stream().skip(1).forEach(l -> m.put(l.split(",", -1)[0], l.split(",", -1)));
    return m;
  }

  @Test
  void groundTruth_shouldOnlyHoldFindingsOfTheBusinessDate_consistentWithTheFiles() throws IOException {
    ScenarioFiles.write(ScenarioConfig.of(3, 8_000, DAY), tmp);
    Map<String, String[]> orders = byKey(tmp.resolve(ScenarioFiles.ORDERS));
    Map<String, String[]> statement = byKey(tmp.resolve(ScenarioFiles.STATEMENT));
    Set<String> webhookCips = new HashSet<>();
    java.util.regex.Pattern cipField = java.util.regex.Pattern.compile("\"cip\":\"([0-9]+)\"");
    for (String l : lines(tmp.resolve(ScenarioFiles.WEBHOOKS))) {
      java.util.regex.Matcher m = cipField.matcher(l);
      assertTrue(m.find(), l);
      webhookCips.add(m.group(1));
    }
    List<String> truth = lines(tmp.resolve(ScenarioFiles.GROUND_TRUTH));

    for (String row : truth.subList(1, truth.size())) {
      String[] f = row.split(",");
      String category = f[0];
      String[] cip = statement.get(f[2]);
      String[] order = orders.get(f[1]);
      LocalDate date;
      if (category.equals("EXPIRED_ORDER_OPEN")) {
        date = OffsetDateTime.parse(order[5]).plusHours(24).atZoneSameInstant(LIMA).toLocalDate();
        assertEquals("EXPIRED", cip[4]);
      } else if (!cip[7].isEmpty()) {
        date = OffsetDateTime.parse(cip[7]).atZoneSameInstant(LIMA).toLocalDate();
      } else {
        date = OffsetDateTime.parse(cip[5]).atZoneSameInstant(LIMA).toLocalDate();
      }
      assertEquals(DAY, date, row);
      switch (category) {
        case "UNKNOWN_ORDER": assertEquals(null, order, row); assertEquals("PAID", cip[4]); break;
        case "MISSING_WEBHOOK": assertFalse(webhookCips.contains(f[2]), row); assertEquals("PAID", cip[4]); break;
        case "PAID_NOT_RECORDED": assertTrue(Set.of("PENDING", "CANCELLED").contains(order[4]), row); break;
        case "RECORDED_NOT_PAID": assertTrue(Set.of("PAID", "SHIPPED").contains(order[4]), row); assertEquals("PENDING", cip[4]); break;
        case "WEBHOOK_NOT_CONFIRMED": assertTrue(webhookCips.contains(f[2]), row); assertEquals("PENDING", cip[4]); break;
        case "AMOUNT_MISMATCH":
          assertEquals(0, new BigDecimal(order[2]).movePointRight(2).compareTo(new BigDecimal(cip[2])), row);
          break;
        case "CURRENCY_MISMATCH": assertFalse(order[3].equals(cip[3]), row); break;
        case "REFUND_NOT_SYNCED": assertEquals("REFUNDED", cip[4]); break;
        case "DUPLICATE_PAYMENT": assertEquals("PAID", cip[4]); assertFalse(order[1].equals(f[2]), "the second CIP"); break;
        default: break;
      }
    }
  }

  @Test
  void timestamps_shouldUseSeveralOffsets_andFallNearLimaMidnight() throws IOException {
    ScenarioFiles.write(ScenarioConfig.of(5, 5_000, DAY), tmp);
    String orders = Files.readString(tmp.resolve(ScenarioFiles.ORDERS));
    String statement = Files.readString(tmp.resolve(ScenarioFiles.STATEMENT));

    assertTrue(orders.contains("+08:00"));
    assertTrue(orders.contains("Z,") || orders.contains("Z\n"));
    assertTrue(statement.contains("-05:00"));
    assertTrue(statement.contains("T23:59:") || statement.contains("T04:59:"), "payments just before Lima midnight");
    assertTrue(statement.contains("2024-01-15T00:0") || statement.contains("2024-01-15T05:0"), "just after it");
  }

  @Test
  void times_shouldFormatLikeJavaTime() {
    SplittableRandom rng = new SplittableRandom(11);
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    for (int i = 0; i < 10_000; i++) {
      long epoch = rng.nextLong(-2_000_000_000L, 4_000_000_000L);
      ZoneOffset off = ZoneOffset.ofTotalSeconds(rng.nextInt(-12, 14) * 3600 + (rng.nextBoolean() ? 0 : 1800));
      StringBuilder b = new StringBuilder();
      Times.append(b, epoch, off);
      assertEquals(iso.format(ScenarioGenerator.at(epoch, off)), b.toString());
    }
  }

  @Test
  void webhookBody_shouldMatchTheDocumentedNotificationByteForByte() {
    long paid = OffsetDateTime.parse("2024-01-15T10:35:12-05:00").toEpochSecond();

    String body = ScenarioGenerator.body("cip.paid", "1253", 11546901L, "PEN", new BigDecimal("22.05"), paid, "ORD-1001");

    assertEquals("{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\",\"currency\":\"PEN\","
        + "\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}", body);
    assertEquals("22.5", ScenarioGenerator.wireAmount(new BigDecimal("22.50")));
    assertEquals("100", ScenarioGenerator.wireAmount(new BigDecimal("100.00")));
  }

  @Test
  void rates_shouldBeHonouredRoughly_andConfigurable() {
    Map<Fate, Double> rates = new java.util.EnumMap<>(Fate.class);
    rates.put(Fate.LOST_WEBHOOK, 0.5);
    ScenarioConfig c = new ScenarioConfig(9, 10_000, DAY, rates, Duration.ofMinutes(30));
    int[] lost = {0};
    new ScenarioGenerator(c).generate(o -> {
      if (o.fate() == Fate.LOST_WEBHOOK) {
        lost[0]++;
      }
    });

    assertTrue(lost[0] > 4_500 && lost[0] < 5_500, "lost: " + lost[0]);
  }
}
