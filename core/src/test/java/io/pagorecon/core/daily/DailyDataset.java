package io.pagorecon.core.daily;

import io.pagorecon.fixtures.InMemoryDailyFiles;
import io.pagorecon.fixtures.InMemoryWebhookLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * One business day (2024-01-15, Lima): A1 paid at the gateway but PENDING in the shop
 * (PAID_NOT_RECORDED, critical), A2 consistent (MATCHED), A3 paid 100 times its amount
 * (AMOUNT_MISMATCH x100).
 */
final class DailyDataset {

  static final LocalDate DAY = LocalDate.of(2024, 1, 15);

  static final String STATEMENT = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
      + "1001,A1,160.35,PEN,PAID,2024-01-15T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T10:00:00-05:00,\n"
      + "1002,A2,20.00,PEN,PAID,2024-01-15T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T11:00:00-05:00,\n"
      + "1003,A3,5000.00,PEN,PAID,2024-01-15T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T12:00:00-05:00,\n";

  static final String ORDERS_HEADER = "order_id,cip,amount,currency,status,created_at,paid_at\n";

  static String orders(String a1Status) {
    return ORDERS_HEADER
        + "A1,1001,160.35,PEN," + a1Status + ",2024-01-15T08:59:00-05:00,\n"
        + "A2,1002,20.00,PEN,PAID,2024-01-15T08:59:00-05:00,2024-01-15T11:00:00-05:00\n"
        + "A3,1003,50.00,PEN,PAID,2024-01-15T08:59:00-05:00,2024-01-15T12:00:00-05:00\n";
  }

  static String manifest(String csv) {
    return "{\"formatVersion\":1,\"businessDate\":\"2024-01-15\",\"file\":{\"name\":\"statement.csv\",\"sha256\":\"" + sha256(csv) + "\"}}";
  }

  static String paidWebhook(String cip, String order, String amount, String paymentDate) {
    return "{\"eventType\":\"cip.paid\",\"operationNumber\":\"7" + cip + "\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"PEN\","
        + "\"amount\":" + amount + ",\"paymentDate\":\"" + paymentDate + "\",\"transactionCode\":\"" + order + "\"}}";
  }

  static void load(InMemoryDailyFiles files, InMemoryWebhookLog webhooks, String a1Status) {
    files.putStatement(DAY, STATEMENT, manifest(STATEMENT));
    files.putOrders(DAY, "shop.csv", orders(a1Status));
    webhooks.add(DAY, Instant.parse("2024-01-15T15:01:00Z"), paidWebhook("1001", "A1", "160.35", "2024-01-15T10:00:00-05:00"));
    webhooks.add(DAY, Instant.parse("2024-01-15T16:01:00Z"), paidWebhook("1002", "A2", "20.00", "2024-01-15T11:00:00-05:00"));
    webhooks.add(DAY, Instant.parse("2024-01-15T17:01:00Z"), paidWebhook("1003", "A3", "5000.00", "2024-01-15T12:00:00-05:00"));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private DailyDataset() {}
}
