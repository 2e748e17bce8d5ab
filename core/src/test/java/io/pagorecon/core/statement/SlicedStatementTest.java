package io.pagorecon.core.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import io.pagorecon.fixtures.InMemoryStatementStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The statement built in slices is the statement built at once, byte for byte, and nothing is
 * published before every slice is complete; a failed slice is retried alone.
 */
class SlicedStatementTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  private static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  private static final Instant RUN = Instant.parse("2024-01-16T07:00:00Z");

  private final InMemoryPaymentStore payments = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final PaymentRecorder recorder = new PaymentRecorder(payments, Duration.ofMinutes(10));
  private final List<String> alerts = new ArrayList<>();
  private final List<SettlementInbox.SettlementFile> inbox = new ArrayList<>();
  private final MemorySliceStore slices = new MemorySliceStore();
  private final List<Integer> queued = new ArrayList<>();

  @Test
  void slicedBuild_shouldPublishOnlyWhenEverySliceIsComplete_andEqualTheSingleBuildByteForByte() {
    day(47);
    InMemoryStatementStore single = new InMemoryStatementStore();
    builder(single).build(DAY, RUN);
    InMemoryStatementStore sliced = new InMemoryStatementStore();
    SlicedStatement statement = new SlicedStatement(builder(sliced), slices, (date, runId, s) -> queued.addAll(s),
        new SlicedStatement.Settings(5, 4));

    SlicedStatement.Planned planned = statement.plan(DAY, RUN);

    SlicePlan plan = assertInstanceOf(SlicedStatement.Planned.Queued.class, planned).plan();
    assertEquals(12, plan.slices(), "ceil(47 / 5) = 10 slices, rounded up to whole waves of 4");
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), queued);
    List<Integer> order = new ArrayList<>(queued);
    Collections.shuffle(order, new Random(7));
    int failedSlice = order.get(3);
    List<String> failingHere = slices.sliceCips(DAY, plan.runId(), failedSlice);
    failingHere.forEach(gateway::failLookups);
    int searchesBefore = gateway.searches().size();
    for (int i = 0; i < order.size(); i++) {
      int slice = order.get(i);
      if (slice == failedSlice) {
        SliceFailedException e = assertThrows(SliceFailedException.class, () -> statement.runSlice(DAY, plan.runId(), slice, false));
        assertEquals(failingHere, e.failedCips());
        assertTrue(alerts.isEmpty(), "the queue retries it: no alert yet");
        continue;
      }
      SlicedStatement.SliceOutcome outcome = statement.runSlice(DAY, plan.runId(), slice, false);
      assertInstanceOf(SlicedStatement.SliceOutcome.Waiting.class, outcome);
      assertTrue(sliced.day(DAY).isEmpty(), "nothing published while a slice is missing");
    }
    failingHere.forEach(gateway::heal);
    List<List<String>> searchesOfOthers = new ArrayList<>(gateway.searches().subList(searchesBefore, gateway.searches().size()));

    SlicedStatement.SliceOutcome last = statement.runSlice(DAY, plan.runId(), failedSlice, false);

    assertInstanceOf(SlicedStatement.SliceOutcome.Published.class, last);
    assertEquals(List.of(failingHere), gateway.searches().subList(searchesBefore + searchesOfOthers.size(), gateway.searches().size()),
        "the retry looked up its own CIPs only");
    assertEquals(single.day(DAY).orElseThrow().csv(), sliced.day(DAY).orElseThrow().csv());
    assertEquals(single.day(DAY).orElseThrow().manifestJson(), sliced.day(DAY).orElseThrow().manifestJson());
    assertEquals(1, sliced.publishes());
    assertInstanceOf(SlicedStatement.SliceOutcome.AssembledElsewhere.class, statement.runSlice(DAY, plan.runId(), order.get(0), false),
        "a redelivered slice after publication publishes nothing again");
    assertEquals(1, sliced.publishes());
  }

  @Test
  void lastAttemptOfAFailingSlice_shouldAlertWithItsCips_andPublishNothing() {
    day(12);
    InMemoryStatementStore sliced = new InMemoryStatementStore();
    SlicedStatement statement = new SlicedStatement(builder(sliced), slices, (date, runId, s) -> queued.addAll(s),
        new SlicedStatement.Settings(4, 1));
    SlicePlan plan = ((SlicedStatement.Planned.Queued) statement.plan(DAY, RUN)).plan();
    String bad = slices.sliceCips(DAY, plan.runId(), 1).get(2);
    gateway.failLookups(bad);

    statement.runSlice(DAY, plan.runId(), 0, false);
    assertThrows(SliceFailedException.class, () -> statement.runSlice(DAY, plan.runId(), 1, true));
    statement.runSlice(DAY, plan.runId(), 2, false);

    assertEquals(List.of(DAY + ": slice 2 of 3 (run " + plan.runId() + "): 1 of 4 CIPs could not be looked up [" + bad + "]"), alerts);
    assertTrue(sliced.day(DAY).isEmpty());
  }

  @Test
  void smallDay_shouldBeBuiltAtOnceByThePlanner() {
    day(5);
    InMemoryStatementStore store = new InMemoryStatementStore();
    SlicedStatement statement = new SlicedStatement(builder(store), slices, (date, runId, s) -> queued.addAll(s),
        new SlicedStatement.Settings(5, 2));

    SlicedStatement.Planned planned = statement.plan(DAY, RUN);

    assertInstanceOf(StatementResult.Published.class, assertInstanceOf(SlicedStatement.Planned.Built.class, planned).result());
    assertTrue(queued.isEmpty());
    assertTrue(slices.objects.isEmpty());
    assertEquals(1, store.publishes());
  }

  @Test
  void slicesFor_shouldCoverEveryCipInWholeWaves_andCutEvenRanges() {
    assertEquals(2, SlicedStatement.slicesFor(11, new SlicedStatement.Settings(10, 1)));
    assertEquals(4, SlicedStatement.slicesFor(11, new SlicedStatement.Settings(10, 4)));
    assertEquals(3, SlicedStatement.slicesFor(3, new SlicedStatement.Settings(1, 4)), "never more slices than CIPs");
    assertEquals(40, SlicedStatement.slicesFor(200_000, new SlicedStatement.Settings(5_000, 4)));
    List<String> cips = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      cips.add(Integer.toString(i));
    }
    List<List<String>> ranges = SlicedStatement.cut(cips, 4);
    assertEquals(List.of(List.of("0", "1"), List.of("2", "3", "4"), List.of("5", "6", "7"), List.of("8", "9", "10")), ranges);
  }

  @Test
  void part_shouldGiveBackExactlyItsRows_absentAndEmptyCodesApart() {
    OffsetDateTime created = OffsetDateTime.parse("2024-01-15T10:00:00-05:00");
    StatementRow quoted = new StatementRow("9", Optional.of("ORD,\"1\"\nñ"), Optional.of(Money.of("1234567.80", Currency.USD)),
        PaymentState.PAID, Optional.of(created), Optional.of(created.plusDays(2)),
        Optional.of(OffsetDateTime.parse("2024-01-15T15:35:12Z")), Optional.empty());
    StatementRow empty = new StatementRow("10", Optional.of(""), Optional.empty(), PaymentState.DELETED, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(created.withOffsetSameInstant(ZoneOffset.ofHours(8))));
    StatementRow absent = new StatementRow("11", Optional.empty(), Optional.of(Money.of("0.10", Currency.PEN)), PaymentState.PENDING,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    SlicePart part = new SlicePart(List.of(quoted, empty, absent), List.of("12", "x,y"));

    SlicePart back = SlicePart.fromBytes(part.toBytes());

    assertEquals(part, back);
    assertThrows(IllegalArgumentException.class, () -> SlicePart.fromBytes("Q,1\n".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> SlicePart.fromBytes("R,1,,,,PAID,@12:x:0,,,\n".getBytes(StandardCharsets.UTF_8)));
    SlicePlan plan = new SlicePlan(DAY, "1705388400000", RUN, 3, 47);
    assertEquals(plan, SlicePlan.fromJson(plan.toJson()));
    assertFalse(new String(plan.toJson(), StandardCharsets.UTF_8).contains("\n"));
  }

  @Test
  void partTimes_shouldComeBackWithTheirInstantAndOffset_andIsoPartsStillRead() {
    List<OffsetDateTime> times = List.of(OffsetDateTime.parse("2024-01-15T10:00-05:00"), OffsetDateTime.parse("2024-01-15T10:00:00.000000001+05:30"),
        OffsetDateTime.parse("1969-12-31T23:59:59.5-00:30"), OffsetDateTime.parse("2024-02-29T23:59:59.120Z"),
        OffsetDateTime.parse("2024-01-15T10:00:07+14:00"));
    List<StatementRow> rows = times.stream().map(t -> new StatementRow("1", Optional.empty(), Optional.empty(), PaymentState.PAID,
        Optional.of(t), Optional.of(t), Optional.of(t), Optional.of(t))).toList();

    SlicePart back = SlicePart.fromBytes(new SlicePart(rows, List.of()).toBytes());

    assertEquals(rows, back.rows());
    for (int i = 0; i < times.size(); i++) {
      assertEquals(times.get(i).toString(), back.rows().get(i).createdAt().orElseThrow().toString());
    }
    // a part written before the compact form (a run in flight across a deploy)
    SlicePart iso = SlicePart.fromBytes("R,7,=ORD-7,1.50,PEN,PAID,2024-01-15T10:00-05:00,2024-01-18T10:00:00.5-05:00,,\nN,8\n"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(new StatementRow("7", Optional.of("ORD-7"), Optional.of(Money.of("1.50", Currency.PEN)), PaymentState.PAID,
        Optional.of(OffsetDateTime.parse("2024-01-15T10:00-05:00")), Optional.of(OffsetDateTime.parse("2024-01-18T10:00:00.5-05:00")),
        Optional.empty(), Optional.empty())), iso.rows());
    assertEquals(List.of("8"), iso.notFound());
  }

  @Test
  void sliceTask_shouldRoundTrip_andRefuseWhatIsNotATask() {
    SliceTask task = new SliceTask(DAY, "1705388400000", 7);

    assertEquals(task, SliceTask.parse(task.toJson()));
    assertEquals("{\"businessDate\":\"2024-01-15\",\"runId\":\"1705388400000\",\"slice\":7}", task.toJson());
    for (String bad : List.of("[]", "{\"businessDate\":\"2024-01-15\",\"slice\":1}", "{\"businessDate\":\"2024-01-15\",\"runId\":\"r\",\"slice\":-1}",
        "{\"businessDate\":\"2024-02-30\",\"runId\":\"r\",\"slice\":1}", "{\"businessDate\":\"2024-01-15\",\"runId\":\"../x\",\"slice\":1}",
        "{\"businessDate\":\"2024-01-15\",\"runId\":\"r\",\"slice\":1,\"extra\":0}", "not json")) {
      assertThrows(IllegalArgumentException.class, () -> SliceTask.parse(bad), bad);
    }
  }

  /**
   * {@code n} CIPs active on the day: paid, pending and expired ones, in two currencies, some
   * PagoEfectivo does not know, and a settlement file that adds one row and contradicts another.
   * Answers the CIPs of the day in statement order.
   */
  private List<String> day(int n) {
    List<String> cips = new ArrayList<>();
    StringBuilder settlement = new StringBuilder("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n");
    for (int i = 0; i < n; i++) {
      String cip = Integer.toString(900 + i * 37 % 1000);
      cips.add(cip);
      String amount = (i * 13 % 500 + 1) + "." + String.format("%02d", i % 100);
      recorder.record(new PaymentFact(cip, PaymentEvent.CREATED, "api:CREATED", Source.API, T0, DAY,
          Optional.of(Money.of(amount, Currency.PEN)), Optional.of("ORD-" + i), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty()));
      if (i % 9 == 4) {
        continue;
      }
      PaymentState state = i % 3 == 0 ? PaymentState.PAID : i % 3 == 1 ? PaymentState.PENDING : PaymentState.EXPIRED;
      OffsetDateTime created = T0.atOffset(ZoneOffset.ofHours(-5)).plusMinutes(i);
      gateway.put(new GatewayCip(cip, state, 0, state.name(), Optional.of(Money.of(amount, i % 4 == 0 ? Currency.USD : Currency.PEN)),
          i % 5 == 0 ? Optional.empty() : Optional.of("ORD-" + i), Optional.of(created), Optional.of(created.plusDays(2)),
          state == PaymentState.PAID ? Optional.of(created.plusMinutes(35)) : Optional.empty(), Optional.empty()));
      if (i == 3) {
        settlement.append(cip).append(",ORD-3,999.00,PEN,PAID,").append(created).append(",,").append(created.plusMinutes(35)).append(",\n");
      }
    }
    settlement.append("77777,ORD-S,5.00,PEN,PAID,2024-01-15T11:00:00-05:00,,2024-01-15T11:05:00-05:00,\n");
    inbox.add(new SettlementInbox.SettlementFile("inbox/settlements/2024-01-15.csv", settlement.toString().getBytes(StandardCharsets.UTF_8)));
    return cips;
  }

  private StatementBuilder builder(InMemoryStatementStore store) {
    return new StatementBuilder(payments, gateway, store, (date, reason, cips) -> alerts.add(date + ": " + reason + " " + cips),
        () -> inbox, SettlementMapping.standard(), BusinessCalendar.lima(), "sandbox");
  }

  /** The slice store's contract in memory (the S3 one is checked against moto in aws-adapters). */
  static final class MemorySliceStore implements SliceStore {
    // concurrent maps: the assembler reads parts from several threads
    final Map<String, byte[]> objects = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, Integer> claims = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, SlicePlan> plans = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void writePlan(SlicePlan plan, List<List<String>> sliceCips) {
      plans.put(plan.runId(), plan);
      for (int i = 0; i < sliceCips.size(); i++) {
        objects.put(plan.runId() + "/cips/" + i, String.join("\n", sliceCips.get(i)).getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public SlicePlan plan(LocalDate businessDate, String runId) {
      return plans.get(runId);
    }

    @Override
    public List<String> sliceCips(LocalDate businessDate, String runId, int slice) {
      return List.of(new String(objects.get(runId + "/cips/" + slice), StandardCharsets.UTF_8).split("\n"));
    }

    @Override
    public void writePart(LocalDate businessDate, String runId, int slice, byte[] part) {
      objects.put(runId + "/parts/" + slice, part.clone());
    }

    @Override
    public Optional<byte[]> part(LocalDate businessDate, String runId, int slice) {
      return Optional.ofNullable(objects.get(runId + "/parts/" + slice));
    }

    @Override
    public int partsWritten(LocalDate businessDate, String runId) {
      return (int) objects.keySet().stream().filter(k -> k.startsWith(runId + "/parts/")).count();
    }

    @Override
    public Claim claimAssembly(LocalDate businessDate, String runId, int slice) {
      Integer owner = claims.putIfAbsent(runId, slice);
      if (owner == null || owner == slice) {
        return Claim.MINE;
      }
      return owner < 0 ? Claim.PUBLISHED : Claim.TAKEN;
    }

    @Override
    public void markPublished(LocalDate businessDate, String runId) {
      claims.put(runId, -1);
    }
  }
}
