package io.pagorecon.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.OrderStatus;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.ReconcileInput;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.time.BusinessCalendar;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WritersTest {

  private static ReconcileResult result() throws Exception {
    Instant paid = Instant.parse("2024-01-16T04:59:59Z");
    List<Order> orders = List.of(Order.of("ORD,1", "111", Money.of("160.35", Currency.PEN), OrderStatus.PENDING, paid, null));
    List<StatementRow> rows = List.of(StatementRow.of("111", "ORD,1", Money.of("16035", Currency.PEN), PaymentState.PAID, paid, null, paid, null));
    return new Reconciler(ReconcileConfig.defaults()).reconcile(new ReconcileInput(orders, rows, List.of()), Scope.everything(paid.plusSeconds(60)));
  }

  @Test
  void discrepanciesCsv_shouldStartWithBomAndContractColumns_andShowLimaAndSellerTimes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DiscrepanciesCsvWriter(BusinessCalendar.LIMA, Optional.of(ZoneId.of("Asia/Shanghai"))).write(result(), out);
    byte[] bytes = out.toByteArray();
    assertEquals((byte) 0xEF, bytes[0]);
    assertEquals((byte) 0xBB, bytes[1]);
    assertEquals((byte) 0xBF, bytes[2]);
    String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\n");
    assertEquals(DiscrepanciesCsvWriter.HEADER + ",event_time,seller_time", lines[0]);
    assertEquals(4, lines.length, String.join("\n", lines));
    assertTrue(lines[1].startsWith("2024-01-15,PAID_NOT_RECORDED,critical,\"ORD,1\",111,160.35,16035.00,PEN,PENDING,PAID,"), lines[1]);
    assertTrue(lines[1].endsWith(",2024-01-15T23:59:59-05:00,2024-01-16T12:59:59+08:00"), lines[1]);
    assertTrue(lines[2].startsWith("2024-01-15,AMOUNT_MISMATCH,high,\"ORD,1\",111,160.35,16035.00,PEN,PENDING,PAID,x100"), lines[2]);
    assertTrue(lines[3].startsWith("2024-01-15,MISSING_WEBHOOK,medium,"), lines[3]);
  }

  @Test
  void writers_shouldGiveIdenticalBytes_forEqualResults() throws Exception {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    new DiscrepanciesCsvWriter(BusinessCalendar.LIMA, Optional.empty()).write(result(), a);
    new SummaryJsonWriter(BusinessCalendar.LIMA).write(result(), a);
    new DiscrepanciesCsvWriter(BusinessCalendar.LIMA, Optional.empty()).write(result(), b);
    new SummaryJsonWriter(BusinessCalendar.LIMA).write(result(), b);
    assertEquals(new String(a.toByteArray(), StandardCharsets.UTF_8), new String(b.toByteArray(), StandardCharsets.UTF_8));
  }

  @Test
  void summaryJson_shouldHoldMatchedCountsAndTotals_inStableOrder() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SummaryJsonWriter(BusinessCalendar.LIMA).write(result(), out);
    String json = out.toString(StandardCharsets.UTF_8);
    assertTrue(json.contains("\"matched\" : 0"), json);
    assertTrue(json.contains("\"PAID_NOT_RECORDED\" : 1"), json);
    assertTrue(json.contains("\"EXPIRED_ORDER_OPEN\" : 0"), json);
    assertTrue(json.contains("\"paidAmount\" : \"16035.00\""), json);
    assertTrue(json.indexOf("\"PAID_NOT_RECORDED\"") < json.indexOf("\"RECORDED_NOT_PAID\""));
    assertTrue(json.indexOf("\"PEN\"") < json.indexOf("\"USD\""));
    assertTrue(!json.contains("\r"));
  }
}
