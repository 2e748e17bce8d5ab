package io.pagorecon.core.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.sync.CheckSchedule;
import io.pagorecon.core.sync.SyncSweep;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import io.pagorecon.fixtures.InMemoryStatementStore;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

class StatementBuilderTest {

  private static final ZoneOffset LIMA = ZoneOffset.ofHours(-5);
  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  private static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  private static final Instant RUN = Instant.parse("2024-01-16T07:00:00Z");

  private final InMemoryPaymentStore payments = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final InMemoryStatementStore statements = new InMemoryStatementStore();
  private final PaymentRecorder recorder = new PaymentRecorder(payments, Duration.ofMinutes(10));
  private final List<String> alerts = new ArrayList<>();
  private final List<SettlementInbox.SettlementFile> inbox = new ArrayList<>();
  private final StatementBuilder builder = new StatementBuilder(payments, gateway, statements,
      (date, reason, cips) -> alerts.add(date + ": " + reason + " " + cips), () -> inbox, SettlementMapping.standard(),
      BusinessCalendar.lima(), "sandbox");

  @Test
  void build_shouldWriteContract2Csv_withOffsetsAndUnitAmounts() {
    known("11546901", "ORD-1001", "22.05", PaymentState.PAID);

    StatementResult result = builder.build(DAY, RUN);

    assertInstanceOf(StatementResult.Published.class, result);
    assertEquals("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
        + "11546901,ORD-1001,22.05,PEN,PAID,2024-01-15T10:00:00-05:00,2024-01-17T10:00:00-05:00,2024-01-15T10:35:12-05:00,\n",
        statements.day(DAY).orElseThrow().csv());
  }

  @Test
  void build_shouldBeCompleteAndTotalsMatch_forTwoThousandCips() throws Exception {
    BigDecimal paidPen = BigDecimal.ZERO;
    BigDecimal pendingUsd = BigDecimal.ZERO;
    for (int i = 0; i < 2000; i++) {
      String cip = Integer.toString(20_000_000 + i);
      boolean paid = i % 3 == 0;
      String amount = (i % 500 + 1) + "." + String.format("%02d", i % 100);
      if (paid) {
        known(cip, "ORD-" + i, amount, PaymentState.PAID);
        paidPen = paidPen.add(new BigDecimal(amount));
      } else {
        knownUsd(cip, "ORD-" + i, amount);
        pendingUsd = pendingUsd.add(new BigDecimal(amount));
      }
    }

    StatementResult.Published result = (StatementResult.Published) builder.build(DAY, RUN);

    String csv = statements.day(DAY).orElseThrow().csv();
    assertEquals(2001, csv.split("\n").length);
    Map<String, String> manifest = flatten(statements.day(DAY).orElseThrow().manifestJson());
    assertEquals("2000", manifest.get("file.rows"));
    assertEquals("667", manifest.get("rowsByStatus.PAID"));
    assertEquals("1333", manifest.get("rowsByStatus.PENDING"));
    assertEquals(paidPen.setScale(2).toPlainString(), manifest.get("totals.PEN.PAID"));
    assertEquals(pendingUsd.setScale(2).toPlainString(), manifest.get("totals.USD.PENDING"));
    assertEquals(StatementBuilder.sha256(csv.getBytes(StandardCharsets.UTF_8)), manifest.get("file.sha256"));
    assertEquals(2000, result.manifest().queried());
  }

  @Test
  void build_shouldWriteNothingAndAlert_whenAnyLookupFails() {
    known("1001", "ORD-1", "10.00", PaymentState.PAID);
    known("1002", "ORD-2", "10.00", PaymentState.PENDING);
    gateway.failLookups("1002");

    StatementResult result = builder.build(DAY, RUN);

    assertEquals(List.of("1002"), ((StatementResult.Failed) result).failedCips());
    assertEquals(0, statements.publishes());
    assertEquals(1, alerts.size());
    assertTrue(alerts.get(0).contains("1002"));
  }

  @Test
  void build_shouldAlertAndRethrow_whenStorageFails() {
    known("1001", "ORD-1", "10.00", PaymentState.PAID);
    statements.failNextPublishes(1);

    assertThrows(StorageException.class, () -> builder.build(DAY, RUN));
    assertEquals(1, alerts.size());
  }

  @Test
  void build_shouldReplaceTheDayWithIdenticalCsv_whenRerun() {
    known("1001", "ORD-1", "10.00", PaymentState.PAID);
    known("1002", "ORD-2", "11.00", PaymentState.PENDING);
    builder.build(DAY, RUN);
    String first = statements.day(DAY).orElseThrow().csv();

    builder.build(DAY, RUN.plusSeconds(60));

    assertEquals(first, statements.day(DAY).orElseThrow().csv());
    assertEquals(2, statements.publishes());
  }

  @Test
  void build_shouldListNotFoundCipsInManifestOnly() throws Exception {
    known("1001", "ORD-1", "10.00", PaymentState.PAID);
    recorder.record(fact("1999", PaymentEvent.CREATED, "ORD-9", "5.00"));

    Manifest m = ((StatementResult.Published) builder.build(DAY, RUN)).manifest();

    assertFalse(statements.day(DAY).orElseThrow().csv().contains("1999"));
    assertEquals(List.of("1999"), m.notFound());
    assertEquals("1", flatten(statements.day(DAY).orElseThrow().manifestJson()).get("file.rows"));
  }

  @Test
  void build_shouldShowPaid_afterSyncRecoveredADroppedPayment() {
    recorder.record(fact("1001", PaymentEvent.CREATED, "ORD-1", "10.00"));
    gateway.put(gatewayCip("1001", "ORD-1", "10.00", Currency.PEN, PaymentState.PAID));
    new SyncSweep(payments, payments, recorder, gateway, r -> { }, CheckSchedule.standard(), BusinessCalendar.lima(), 100)
        .run(T0.plus(Duration.ofMinutes(10)));

    builder.build(DAY, RUN);

    assertTrue(statements.day(DAY).orElseThrow().csv().contains("1001,ORD-1,10.00,PEN,PAID"));
  }

  @Test
  void build_shouldMergeSettlementCsv_reportingConflictsAndAddingUnknownCips() throws Exception {
    known("1001", "ORD-1", "10.00", PaymentState.PAID);
    inbox.add(new SettlementInbox.SettlementFile("inbox/settlements/jan.csv", ("\uFEFFCIP,Codigo,Monto,Moneda,Estado,Fecha Pago\n"
        + "1001,ORD-1,1000.00,PEN,Cancelado,15/01/2024 10:35:12\n"
        + "1500,ORD-5,7.50,PEN,Cancelado,2024-01-15 11:00:00\n"
        + "1600,ORD-6,7.50,PEN,Cancelado,2024-01-14 11:00:00\n"
        + ",ORD-7,1.00,PEN,Cancelado,2024-01-15 11:00:00\n").getBytes(StandardCharsets.UTF_8)));
    StatementBuilder mapped = new StatementBuilder(payments, gateway, statements, (d, r, c) -> alerts.add(r), () -> inbox,
        SettlementMapping.parse("cip=CIP;transaction_code=Codigo;amount=Monto;currency=Moneda;status=Estado;paid_at=Fecha Pago"),
        BusinessCalendar.lima(), "sandbox");

    StatementResult.Published result = (StatementResult.Published) mapped.build(DAY, RUN);

    Manifest m = result.manifest();
    assertEquals(List.of(new Manifest.Conflict("1001", "amount", "10.00 PEN", "1000.00 PEN", "inbox/settlements/jan.csv")), m.conflicts());
    assertEquals(1, m.settlementRows());
    assertEquals(1, m.settlementErrors().size());
    assertTrue(m.settlementErrors().get(0).contains("line 5"), m.settlementErrors().toString());
    String csv = statements.day(DAY).orElseThrow().csv();
    assertTrue(csv.contains("1500,ORD-5,7.50,PEN,PAID,,,2024-01-15T11:00:00-05:00,"), csv);
    assertFalse(csv.contains("1600"), "a row of another day is not merged");
    assertTrue(csv.contains("1001,ORD-1,10.00,PEN,PAID"), "the API row wins");
  }

  @Test
  void build_shouldReadXlsxSettlement() throws Exception {
    known("1001", "ORD-1", "10.00", PaymentState.PAID);
    ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
    Workbook wb = new Workbook(xlsx, "test", "1.0");
    Worksheet ws = wb.newWorksheet("Sheet1");
    String[] header = {"cip", "transaction_code", "amount", "currency", "status", "paid_at"};
    for (int c = 0; c < header.length; c++) {
      ws.value(0, c, header[c]);
    }
    ws.value(1, 0, "1001");
    ws.value(1, 1, "ORD-1");
    ws.value(1, 2, new BigDecimal("10.00"));
    ws.value(1, 3, "PEN");
    ws.value(1, 4, "EXPIRED");
    ws.value(1, 5, java.time.LocalDateTime.of(2024, 1, 15, 10, 35, 12));
    ws.style(1, 5).format("yyyy-mm-dd hh:mm:ss").set();
    wb.finish();
    inbox.add(new SettlementInbox.SettlementFile("inbox/settlements/jan.xlsx", xlsx.toByteArray()));

    Manifest m = ((StatementResult.Published) builder.build(DAY, RUN)).manifest();

    assertEquals(List.of(new Manifest.Conflict("1001", "status", "PAID", "EXPIRED", "inbox/settlements/jan.xlsx")), m.conflicts());
    assertEquals(List.of(), m.settlementErrors());
  }

  @Test
  void defaultDate_shouldBeThePreviousLimaDay_atTwoInTheMorningLima() {
    assertEquals(DAY, builder.defaultDate(Instant.parse("2024-01-16T07:00:00Z")));
  }

  private void known(String cip, String orderId, String amount, PaymentState gatewayState) {
    recorder.record(fact(cip, PaymentEvent.CREATED, orderId, amount));
    gateway.put(gatewayCip(cip, orderId, amount, Currency.PEN, gatewayState));
  }

  private void knownUsd(String cip, String orderId, String amount) {
    recorder.record(fact(cip, PaymentEvent.CREATED, orderId, amount));
    gateway.put(gatewayCip(cip, orderId, amount, Currency.USD, PaymentState.PENDING));
  }

  private static PaymentFact fact(String cip, PaymentEvent event, String orderId, String amount) {
    return new PaymentFact(cip, event, "api:" + event, Source.API, T0, DAY, Optional.of(Money.of(amount, Currency.PEN)),
        Optional.of(orderId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static GatewayCip gatewayCip(String cip, String orderId, String amount, Currency currency, PaymentState state) {
    OffsetDateTime created = T0.atOffset(LIMA);
    return new GatewayCip(cip, state, 0, state.name(), Optional.of(Money.of(amount, currency)), Optional.of(orderId),
        Optional.of(created), Optional.of(created.plusDays(2)),
        state == PaymentState.PAID ? Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")) : Optional.empty(), Optional.empty());
  }

  /** The manifest's scalar leaves by dotted path: parsed, never compared as text. */
  static Map<String, String> flatten(String json) throws Exception {
    Map<String, String> out = new HashMap<>();
    List<String> path = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case FIELD_NAME -> field = p.currentName();
          case START_OBJECT -> { if (field != null) { path.add(field); } field = null; }
          case END_OBJECT -> { if (!path.isEmpty()) { path.remove(path.size() - 1); } }
          case START_ARRAY -> p.skipChildren();
          default -> {
            out.put(String.join(".", path) + (path.isEmpty() ? "" : ".") + field, p.getText());
          }
        }
      }
    }
    return out;
  }
}
