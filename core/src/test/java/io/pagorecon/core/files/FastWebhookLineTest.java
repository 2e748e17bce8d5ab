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
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"receivedAt\"", "\"receivedAt\" "),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace(",\"transactionCode\":\"ORD-1\"", ",\"transactionCode\":\"ORD-1\",\"transactionCode\":\"ORD-2\""),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"operationNumber\":\"1\",", ""),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"operationNumber\":\"1\"", "\"operationNumber\":1"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"amount\":1.5", "\"amount\":1.5e0"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"amount\":1.5", "\"amount\":1.5 "),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"data\":{", "\"data\":{\"body\":{},"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("{\"receivedAt\"", "{\"extra\":\"x\",\"receivedAt\""),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("\"paymentDate\":\"" + ok + "\",", ""),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("}}}", "} } }"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("}}}", "}}"),
        line(ok, "1", "123", "PEN", "1.5", ok, "ORD-1").replace("}}}", "}}}}")));
    for (String text : lines) {
      checked(text);
    }
    assertNotNull(checked(lines.get(0)));
    assertEquals(123L, checked(lines.get(1)).cip());
    assertEquals(2200L, checked(lines.get(2)).amountMinor());
  }

  /** The shape other systems write: any key order, any JSON spacing. */
  static String reshaped(String text, Random r) {
    String received = text.substring(text.indexOf("\"receivedAt\""), text.indexOf(",\"body\""));
    String body = text.substring(text.indexOf("\"body\""), text.length() - 1);
    String data = body.substring(body.indexOf("{", body.indexOf("\"data\"")) + 1, body.length() - 2);
    String head = body.substring(body.indexOf("{") + 1, body.indexOf(",\"data\""));
    List<String> dataFields = new ArrayList<>(List.of(data.split(",(?=\")")));
    List<String> headFields = new ArrayList<>(List.of(head.split(",(?=\")")));
    java.util.Collections.shuffle(dataFields, r);
    headFields.add("\"data\":{" + String.join(sep(r), dataFields.stream().map(f -> spaced(f, r)).toList()) + "}");
    java.util.Collections.shuffle(headFields, r);
    List<String> top = new ArrayList<>(List.of(spaced(received, r), "\"body\":{" + String.join(sep(r), headFields.stream().map(f -> f.startsWith("\"data\"") ? f : spaced(f, r)).toList()) + "}"));
    java.util.Collections.shuffle(top, r);
    return "{" + (r.nextBoolean() ? " " : "") + String.join(sep(r), top) + (r.nextBoolean() ? " " : "") + "}";
  }

  private static String sep(Random r) {
    return r.nextBoolean() ? ", " : r.nextBoolean() ? "," : " ,\t";
  }

  private static String spaced(String field, Random r) {
    return r.nextBoolean() ? field.replaceFirst("\":", "\": ") : field.replaceFirst("\":", "\" : ");
  }

  @Test
  void fastPath_shouldReadAnyKeyOrderAndSpacing_exactlyAsTheStrictPath() {
    Random r = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      String amount = (1 + r.nextInt(99_999)) + (r.nextBoolean() ? "." + r.nextInt(100) : "");
      String usual = line("2024-01-15T12:00:0" + r.nextInt(10) + "Z", Integer.toString(r.nextInt(100_000)), Long.toString(1 + r.nextInt(99_999_999)),
          r.nextBoolean() ? "PEN" : "USD", amount, "2024-01-15T10:00:00-05:00", "ORD-" + r.nextInt(1_000_000));
      String text = reshaped(usual, r);
      assertNotNull(checked(text), text);
      assertEquals(checked(usual), checked(text), text);
    }
  }
}
