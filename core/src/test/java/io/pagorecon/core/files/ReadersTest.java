package io.pagorecon.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.OrderStatus;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.reconcile.SyntheticDataset;
import io.pagorecon.core.reconcile.Times;
import io.pagorecon.core.reconcile.WebhookReceipt;
import io.pagorecon.core.webhook.EventType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ReadersTest {

  private static ByteArrayInputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Order> orders(String text) throws Exception {
    return new OrdersCsvReader(OrdersFormat.CANONICAL, Runnable::run, 1).read("orders.csv", in(text));
  }

  private static String ordersError(String text) {
    return assertThrows(InputFileException.class, () -> orders(text)).getMessage();
  }

  private static final String H = "order_id,cip,amount,currency,status,created_at,paid_at\n";

  @Test
  void orders_shouldReadCanonicalRows_withBomCrlfQuotesAndAnyOffset() throws Exception {
    String text = "\uFEFF" + H.replace("\n", "\r\n")
        + "ORD-1,11546901,160.35,PEN,paid,2024-01-15T10:30:00-05:00,2024-01-16T12:59:59+08:00\r\n"
        + "\"ORD,\"\"2\"\"\",,22.5,usd,Pending,2024-01-16T04:59:59Z,\r\n";
    List<Order> o = orders(text);
    assertEquals(2, o.size());
    assertEquals("ORD-1", o.get(0).orderId());
    assertEquals(11546901L, o.get(0).cip());
    assertEquals(16035L, o.get(0).amountMinor());
    assertEquals(OrderStatus.PAID, o.get(0).status());
    assertEquals(Instant.parse("2024-01-15T15:30:00Z").toEpochMilli(), o.get(0).createdAt());
    assertEquals(Instant.parse("2024-01-16T04:59:59Z").toEpochMilli(), o.get(0).paidAt());
    assertEquals(2, o.get(0).line());
    assertEquals("ORD,\"2\"", o.get(1).orderId());
    assertEquals(Order.NO_CIP, o.get(1).cip());
    assertEquals(2250L, o.get(1).amountMinor());
    assertEquals(Currency.USD, o.get(1).currency());
    assertEquals(Times.NONE, o.get(1).paidAt());
    assertEquals(3, o.get(1).line());
  }

  @Test
  void orders_shouldNameFileLineAndField_whenAmountHasAComma() {
    String text = H + "ORD-1,1,1.00,PEN,PAID,2024-01-15T10:30:00-05:00,\n\n" + "ORD-2,2,\"12,50\",PEN,PAID,2024-01-15T10:30:00-05:00,\n";
    assertEquals("orders.csv:4: amount: \"12,50\" is not a decimal amount in currency units", ordersError(text));
  }

  @Test
  void orders_shouldCountPhysicalLines_acrossQuotedNewlines() {
    String text = H + "\"ORD\n1\",1,1.00,PEN,PAID,2024-01-15T10:30:00-05:00,\n" + "ORD-2,2,1.00,PEN,WAITING,2024-01-15T10:30:00-05:00,\n";
    String message = ordersError(text);
    assertEquals(true, message.startsWith("orders.csv:4: status: \"WAITING\" is not a known status"), message);
  }

  @Test
  void orders_shouldRejectEachBadField_withItsName() {
    assertEquals("orders.csv:2: created_at: \"2024-01-15 10:30\" is not an ISO-8601 timestamp with an offset",
        ordersError(H + "O,1,1.00,PEN,PAID,2024-01-15 10:30,\n"));
    assertEquals("orders.csv:2: currency: \"EUR\" is not a currency (PEN or USD)", ordersError(H + "O,1,1.00,EUR,PAID,2024-01-15T10:30:00Z,\n"));
    assertEquals("orders.csv:2: cip: \"CIP-1\" is not a CIP (1 to 14 digits)", ordersError(H + "O,CIP-1,1.00,PEN,PAID,2024-01-15T10:30:00Z,\n"));
    assertEquals("orders.csv:2: order_id: required", ordersError(H + ",1,1.00,PEN,PAID,2024-01-15T10:30:00Z,\n"));
    assertEquals("orders.csv:2: amount: \"1.005\" is not a decimal amount in currency units", ordersError(H + "O,1,1.005,PEN,PAID,2024-01-15T10:30:00Z,\n"));
    assertEquals("orders.csv:2: amount: \"0\" is not a positive amount", ordersError(H + "O,1,0,PEN,PAID,2024-01-15T10:30:00Z,\n"));
    assertEquals("orders.csv:2: paid_at: missing: the line has 6 fields, the header 7", ordersError(H + "O,1,1.00,PEN,PAID,2024-01-15T10:30:00Z\n"));
    assertEquals("orders.csv:1: status: missing column (the header is order_id,cip,amount,currency,created_at,paid_at)",
        ordersError("order_id,cip,amount,currency,created_at,paid_at\n"));
    assertEquals("orders.csv:1: header: the file is empty; expected a header row", ordersError(""));
  }

  @Test
  void orders_shouldReadShopifyExport_skippingLineItemRows() throws Exception {
    String text = "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Total,Lineitem name,Created at,Payment Reference\n"
        + "#1001,x@example.com,paid,2024-01-15 10:40:00 -0500,fulfilled,PEN,160.35,Mug,2024-01-15 10:30:00 -0500,11546901\n"
        + "#1001,,,,,,,Spoon,,\n"
        + "#1002,y@example.com,voided,,,PEN,20.00,Cup,2024-01-15 11:00:00 -0500,\n"
        + "#1003,z@example.com,partially_refunded,,,USD,5.00,Cup,2024-01-15 11:00:00 -0500,\n";
    List<Order> o = new OrdersCsvReader(OrdersFormat.SHOPIFY, Runnable::run, 1).read("shopify.csv", in(text));
    assertEquals(3, o.size());
    assertEquals("#1001", o.get(0).orderId());
    assertEquals(11546901L, o.get(0).cip());
    assertEquals(OrderStatus.PAID, o.get(0).status());
    assertEquals(Instant.parse("2024-01-15T15:30:00Z").toEpochMilli(), o.get(0).createdAt());
    assertEquals(OrderStatus.CANCELLED, o.get(1).status());
    assertEquals(OrderStatus.PAID, o.get(2).status());
    assertEquals(5, o.get(2).line());
  }

  @Test
  void orders_shouldReadCustomMapping_fromProperties() throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("column.order_id", "ref");
    p.setProperty("status.settled", "PAID");
    OrdersFormat f = OrdersFormat.fromProperties("mine", p);
    String text = "ref,cip,amount,currency,status,created_at,paid_at\nR1,1,1.00,PEN,SETTLED,2024-01-15T10:30:00Z,\n";
    List<Order> o = new OrdersCsvReader(f, Runnable::run, 1).read("mine.csv", in(text));
    assertEquals("R1", o.get(0).orderId());
    assertEquals(OrderStatus.PAID, o.get(0).status());
    assertThrows(IllegalArgumentException.class, () -> OrdersFormat.fromProperties("bad", propertiesOf("status.x", "GONE")));
  }

  private static java.util.Properties propertiesOf(String k, String v) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty(k, v);
    return p;
  }

  @Test
  void orders_shouldParseManyChunksInParallel_inFileOrder() throws Exception {
    SyntheticDataset d = SyntheticDataset.generate(60_000, 7); // > one 4 MiB chunk
    byte[] bytes = SyntheticDataset.csv(SyntheticDataset.ORDERS_HEADER, d.orders);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Order> parallel = new OrdersCsvReader(OrdersFormat.CANONICAL, pool, 2).read("orders.csv", new ByteArrayInputStream(bytes));
      List<Order> sequential = new OrdersCsvReader(OrdersFormat.CANONICAL, Runnable::run, 1).read("orders.csv", new ByteArrayInputStream(bytes));
      assertEquals(d.orders.size(), parallel.size());
      assertEquals(sequential, parallel);
      assertEquals(d.orders.size() + 1, parallel.get(parallel.size() - 1).line());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void statement_shouldReadRows_andRejectUnknownStatus() throws Exception {
    String h = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n";
    List<StatementRow> rows = new StatementCsvReader(Runnable::run, 1).read("statement.csv",
        in(h + "11546901,ORD-1,22.05,PEN,PAID,2024-01-15T10:00:00-05:00,2024-01-16T10:00:00-05:00,2024-01-15T10:35:12-05:00,\n12,,1,PEN,expired,,,,\n"));
    assertEquals(2, rows.size());
    assertEquals(PaymentState.PAID, rows.get(0).status());
    assertEquals(2205L, rows.get(0).amountMinor());
    assertNull(rows.get(1).transactionCode());
    assertEquals(PaymentState.EXPIRED, rows.get(1).status());
    assertEquals(Times.NONE, rows.get(1).paidAt());
    InputFileException e = assertThrows(InputFileException.class,
        () -> new StatementCsvReader(Runnable::run, 1).read("statement.csv", in(h + "1,O,1.00,PEN,CANCELADO,,,,\n")));
    assertEquals("statement.csv", e.file());
    assertEquals(2, e.line());
    assertEquals("status", e.field());
  }

  @Test
  void webhooks_shouldReadBodiesThroughTheNotificationParser() throws Exception {
    String text = "{\"receivedAt\":\"2024-01-15T10:36:00-05:00\",\"body\":{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\",\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}}\n"
        + "\n"
        + "{\"body\":{\"eventType\":\"cip.expired\",\"data\":{\"cip\":12}},\"receivedAt\":\"2024-01-15T15:00:00Z\"}\r\n";
    List<WebhookReceipt> w = new WebhooksJsonlReader(Runnable::run, 1).read("webhooks.jsonl", in(text));
    assertEquals(2, w.size());
    assertEquals(11546901L, w.get(0).cip());
    assertEquals(EventType.CIP_PAID, w.get(0).type());
    assertEquals("ORD-1001", w.get(0).transactionCode());
    assertEquals(2205L, w.get(0).amountMinor());
    assertEquals(Instant.parse("2024-01-15T15:35:12Z").toEpochMilli(), w.get(0).paymentDate());
    assertEquals(Instant.parse("2024-01-15T15:36:00Z").toEpochMilli(), w.get(0).receivedAt());
    assertEquals(EventType.CIP_EXPIRED, w.get(1).type());
    assertEquals(3, w.get(1).line());
  }

  @Test
  void webhooks_shouldReadTheSameReceipt_whateverTheKeyOrderOrSpacing() throws Exception {
    String body = "{\"eventType\":\"cip.paid\",\"data\":{\"cip\":\"7\",\"currency\":\"USD\",\"amount\":\"1.5\",\"paymentDate\":\"2024-01-15T23:59:59-05:00\"}}";
    String usual = "{\"receivedAt\":\"2024-01-16T12:59:59+08:00\",\"body\":" + body + "}\n";
    String reordered = "{ \"body\" : " + body + " , \"receivedAt\" : \"2024-01-16T04:59:59Z\", \"note\": [1] }\n";
    List<WebhookReceipt> w = new WebhooksJsonlReader(Runnable::run, 1).read("webhooks.jsonl", in(usual + reordered));
    assertEquals(new WebhookReceipt(7, EventType.CIP_PAID, null, 150, Currency.USD, Instant.parse("2024-01-16T04:59:59Z").toEpochMilli(),
        Instant.parse("2024-01-16T04:59:59Z").toEpochMilli(), 1), w.get(0));
    assertEquals(w.get(0), new WebhookReceipt(w.get(1).cip(), w.get(1).type(), w.get(1).transactionCode(), w.get(1).amountMinor(), w.get(1).currency(),
        w.get(1).paymentDate(), w.get(1).receivedAt(), 1));
    InputFileException trailing = assertThrows(InputFileException.class,
        () -> new WebhooksJsonlReader(Runnable::run, 1).read("webhooks.jsonl", in("{\"receivedAt\":\"2024-01-16T04:59:59Z\",\"body\":" + body + "}}\n")));
    assertEquals(1, trailing.line());
  }

  @Test
  void webhooks_shouldNameLineAndField_whenBodyIsBad() {
    String good = "{\"receivedAt\":\"2024-01-15T10:36:00-05:00\",\"body\":{\"eventType\":\"cip.paid\",\"data\":{\"cip\":\"1\",\"currency\":\"PEN\",\"amount\":1}}}\n";
    String bad = "{\"receivedAt\":\"2024-01-15T10:36:00-05:00\",\"body\":{\"eventType\":\"cip.paid\",\"data\":{\"cip\":\"1\",\"currency\":\"PEN\",\"amount\":\"1,5\"}}}\n";
    InputFileException e = assertThrows(InputFileException.class, () -> new WebhooksJsonlReader(Runnable::run, 1).read("webhooks.jsonl", in(good + bad)));
    assertEquals(2, e.line());
    assertEquals("body.data.amount", e.field());
    InputFileException noTime = assertThrows(InputFileException.class,
        () -> new WebhooksJsonlReader(Runnable::run, 1).read("webhooks.jsonl", in("{\"body\":{\"eventType\":\"x\"}}\n")));
    assertEquals("webhooks.jsonl:1: receivedAt: required", noTime.getMessage());
    InputFileException broken = assertThrows(InputFileException.class,
        () -> new WebhooksJsonlReader(Runnable::run, 1).read("webhooks.jsonl", in(good + good + "{\"receivedAt\":\n")));
    assertEquals("webhooks.jsonl:3: line: not valid JSON", broken.getMessage());
  }
}
