package io.pagorecon.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pagorecon.core.files.internal.FastWebhookLine;
import io.pagorecon.core.reconcile.WebhookReceipt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The byte-level fast path of webhooks.jsonl gives exactly the strict path's receipt, or declines. */
class FastWebhookLineTest {

  private final WebhooksJsonlReader reader = new WebhooksJsonlReader(ForkJoinPool.commonPool(), 1);

  static String line(String received, String op, String cip, String currency, String amount, String date, String code) {
    return "{\"receivedAt\":\"" + received + "\",\"body\":{\"eventType\":\"cip.paid\",\"operationNumber\":\"" + op
        + "\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"" + currency + "\",\"amount\":" + amount + ",\"paymentDate\":\"" + date
        + "\",\"transactionCode\":\"" + code + "\"}}}";
  }

  /** Fast result, or null; asserts it equals the strict path's whenever it answers. */
  private WebhookReceipt checked(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    WebhookReceipt fast = FastWebhookLine.parse(b, 0, b.length, 7);
    WebhookReceipt strict;
    try {
      strict = reader.strictLine("w.jsonl", 7, b, 0, b.length);
    } catch (InputFileException e) {
      assertNull(fast, "fast path accepted what the strict path rejects: " + text);
      return null;
    }
    if (fast != null) {
      assertEquals(strict, fast, text);
    }
    return fast;
  }

  @Test
  void fastPath_shouldAgreeWithTheStrictPath_onTheCommonShape() {
    Random r = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      String amount = (1 + r.nextInt(99_999)) + (r.nextBoolean() ? "." + r.nextInt(100) : "");
      String date = String.format("2024-0%d-%02dT%02d:%02d:%02d%s", 1 + r.nextInt(9), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
          r.nextInt(60), r.nextBoolean() ? "-05:00" : "Z");
      String text = line("2024-01-15T12:00:0" + r.nextInt(10) + "Z", Integer.toString(r.nextInt(100_000)), Long.toString(1 + r.nextInt(99_999_999)),
          r.nextBoolean() ? "PEN" : "USD", amount, date, "ORD-" + r.nextInt(1_000_000));
      assertNotNull(checked(text), text);
    }
  }

  @Test
  void fastPath_shouldDeclineOrAgree_onEveryUnusualForm() {
    String ok = "2024-01-15T10:35:12-05:00";
    List<String> lines = new ArrayList<>(List.of(
        line(ok, "1", "123", "PEN", "22.05", ok, "ORD-1"),
        line(ok, "1", "00123", "PEN", "22.5", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "22", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "22.50", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "22.500", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "0.05", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "0", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "0.00", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "01.5", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "-1.5", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "1e2", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "1.234", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "12345678901234567", ok, "ORD-1"),
        line(ok, "1", "123", "pen", "1.5", ok, "ORD-1"),
        line(ok, "1", "123", "EUR", "1.5", ok, "ORD-1"),
        line(ok, "1", "", "PEN", "1.5", ok, "ORD-1"),
        line(ok, "1", "123456789012345", "PEN", "1.5", ok, "ORD-1"),
        line(ok, "1", "12a", "PEN", "1.5", ok, "ORD-1"),
        line(ok, "1", " 123", "PEN", "1.5", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", "2024-02-30T10:00:00-05:00", "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", "2024-01-15 10:00:00-05:00", "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", "2024-01-15T10:00:00.123+08:00", "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", "2024-01-15T10:00:00", "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", "", "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", " " + ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", ok, ""),
        line(ok, "1", "123", "PEN", "1.5", ok, " ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1234567890123456789012345678901234"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-12345678901234567890123456789012"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD\\u0031"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-ñ"),
        line(ok, "", "123", "PEN", "1.5", ok, "ORD-1"),
        line(ok, "x".repeat(65), "123", "PEN", "1.5", ok, "ORD-1"),
        line("", "1", "123", "PEN", "1.5", ok, "ORD-1"),
        line("yesterday", "1", "123", "PEN", "1.5", ok, "ORD-1"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("cip.paid", "cip.expired"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("}}}", ",\"x\":1}}}"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("}}}", "}}},"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"cip\":\"123\"", "\"cip\":123"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"amount\":1.5", "\"amount\":\"1.5\""),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"receivedAt\"", "\"receivedAt\" ")));
    for (String text : lines) {
      checked(text);
    }
    assertNotNull(checked(lines.get(0)));
    assertEquals(123L, checked(lines.get(1)).cip());
    assertEquals(2200L, checked(lines.get(2)).amountMinor());
  }
}
