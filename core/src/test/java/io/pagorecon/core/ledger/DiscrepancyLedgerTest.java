package io.pagorecon.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.fixtures.InMemoryLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscrepancyLedgerTest {

  private static final LocalDate D1 = LocalDate.of(2024, 1, 15);
  private static final LocalDate D2 = LocalDate.of(2024, 1, 16);
  private static final Instant T1 = Instant.parse("2024-01-16T06:00:00Z");
  private static final Instant T2 = Instant.parse("2024-01-17T06:00:00Z");

  private final InMemoryLedger store = new InMemoryLedger();
  private final DiscrepancyLedger ledger = new DiscrepancyLedger(store);

  static Discrepancy finding(Category c, String order, String cip, LocalDate date, String amount, String detail) {
    Optional<Money> m = Optional.of(Money.of(amount, Currency.PEN));
    return new Discrepancy(c, Optional.of(date), order, cip, m, m, Optional.of(Currency.PEN), Optional.empty(), Optional.empty(),
        detail, Optional.empty());
  }

  static Discrepancy paidNotRecorded(String order, LocalDate date) {
    return finding(Category.PAID_NOT_RECORDED, order, "100" + order, date, "160.35", "");
  }

  @Test
  void newFinding_shouldOpenOneEntryWithHistory_andOweAnAlertWhenCritical() {
    LedgerUpdate u = ledger.apply(D1, List.of(paidNotRecorded("A1", D1), finding(Category.LATE_WEBHOOK, "A2", "1002", D1, "5.00", "45 min")), T1);

    assertEquals(2, u.opened().size());
    LedgerEntry critical = store.find("PAID_NOT_RECORDED|A1|100A1").orElseThrow();
    assertEquals(LedgerStatus.OPEN, critical.status());
    assertEquals(D1, critical.firstSeenDate());
    assertEquals(D1, critical.lastSeenDate());
    assertEquals(1, critical.version());
    assertTrue(critical.alertPending());
    assertEquals(List.of("opened"), critical.history().stream().map(LedgerChange::action).toList());
    assertEquals(DiscrepancyLedger.RUN_ACTOR, critical.history().get(0).actor());
    assertFalse(store.find("LATE_WEBHOOK|A2|1002").orElseThrow().alertPending());
    assertEquals(List.of(critical), u.alertPending());
  }

  @Test
  void sameDayRerun_shouldWriteNothingAndDuplicateNothing() {
    List<Discrepancy> findings = List.of(paidNotRecorded("A1", D1), paidNotRecorded("A2", D1));
    ledger.apply(D1, findings, T1);
    int saves = store.saves();

    LedgerUpdate again = ledger.apply(D1, findings, T2);

    assertEquals(saves, store.saves());
    assertEquals(2, store.all().size());
    assertEquals(0, again.opened().size());
    assertEquals(2, again.unchanged());
  }

  @Test
  void foundOnALaterDate_shouldMoveLastSeenAndKeepFirstSeen() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);
    ledger.apply(D2, List.of(paidNotRecorded("A1", D2)), T2);

    LedgerEntry e = store.all().get(0);
    assertEquals(1, store.all().size());
    assertEquals(D1, e.firstSeenDate());
    assertEquals(D2, e.lastSeenDate());
    assertEquals(2, e.version());
  }

  @Test
  void rerunOfTheSameDate_whenTheOrderIsNowConsistent_shouldAutoResolve() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1), paidNotRecorded("A2", D1)), T1);

    LedgerUpdate u = ledger.apply(D1, List.of(paidNotRecorded("A2", D1)), T2);

    assertEquals(1, u.autoResolved().size());
    LedgerEntry fixed = store.find("PAID_NOT_RECORDED|A1|100A1").orElseThrow();
    assertEquals(LedgerStatus.AUTO_RESOLVED, fixed.status());
    LedgerChange last = fixed.history().get(fixed.history().size() - 1);
    assertEquals("auto_resolved", last.action());
    assertEquals(Optional.of(LedgerStatus.OPEN), last.from());
    assertEquals(T2, last.at());
    assertEquals(LedgerStatus.OPEN, store.find("PAID_NOT_RECORDED|A2|100A2").orElseThrow().status());
  }

  @Test
  void runOfAnotherDate_shouldNeverAutoResolveEntriesOutsideItsScope() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);

    LedgerUpdate u = ledger.apply(D2, List.of(), T2);

    assertEquals(0, u.autoResolved().size());
    assertEquals(LedgerStatus.OPEN, store.all().get(0).status());
  }

  @Test
  void acknowledgedEntry_consistentInItsDate_shouldAutoResolveKeepingTheOwner() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);
    ledger.acknowledge("PAID_NOT_RECORDED|A1|100A1", "li.wei", Optional.of("finance"), "checking with the agent", T1);

    ledger.apply(D1, List.of(), T2);

    LedgerEntry e = store.all().get(0);
    assertEquals(LedgerStatus.AUTO_RESOLVED, e.status());
    assertEquals(Optional.of("finance"), e.owner());
  }

  @Test
  void resolvedEntryFoundAgain_shouldReopenAndSayWhyInTheHistory() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);
    ledger.resolve("PAID_NOT_RECORDED|A1|100A1", "li.wei", "shipped manually", T1);

    LedgerUpdate u = ledger.apply(D2, List.of(paidNotRecorded("A1", D2)), T2);

    assertEquals(1, u.reopened().size());
    LedgerEntry e = store.all().get(0);
    assertEquals(LedgerStatus.OPEN, e.status());
    assertEquals(List.of("opened", "resolved", "reopened"), e.history().stream().map(LedgerChange::action).toList());
    assertEquals(Optional.of(LedgerStatus.RESOLVED), e.history().get(2).from());
    assertTrue(e.alertPending());
    assertEquals(List.of("shipped manually"), e.notes());
  }

  @Test
  void autoResolvedEntryFoundAgain_shouldReopen() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);
    ledger.apply(D1, List.of(), T1);
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T2);

    assertEquals(LedgerStatus.OPEN, store.all().get(0).status());
    assertEquals("reopened", store.all().get(0).history().get(2).action());
  }

  @Test
  void acknowledge_shouldRecordOwnerNoteActorAndVersion() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);

    ManualChange c = ledger.acknowledge("PAID_NOT_RECORDED|A1|100A1", "li.wei", Optional.of("zhang.san"), "calling the shop", T2);

    assertEquals(ManualChange.Outcome.UPDATED, c.outcome());
    LedgerEntry e = store.all().get(0);
    assertEquals(LedgerStatus.ACKNOWLEDGED, e.status());
    assertEquals(Optional.of("zhang.san"), e.owner());
    assertEquals(List.of("calling the shop"), e.notes());
    LedgerChange last = e.history().get(1);
    assertEquals("li.wei", last.actor());
    assertEquals("calling the shop", last.note());
    assertEquals(2, e.version());
  }

  @Test
  void manualChanges_onUnknownOrClosedEntries_shouldBeValuesNotExceptions() {
    assertEquals(ManualChange.Outcome.NOT_FOUND, ledger.resolve("nope", "me", "", T1).outcome());
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);
    ledger.resolve("PAID_NOT_RECORDED|A1|100A1", "me", "", T1);

    ManualChange again = ledger.resolve("PAID_NOT_RECORDED|A1|100A1", "me", "", T2);
    ManualChange ack = ledger.acknowledge("PAID_NOT_RECORDED|A1|100A1", "me", Optional.empty(), "", T2);

    assertEquals(ManualChange.Outcome.NOT_ALLOWED, again.outcome());
    assertEquals(ManualChange.Outcome.NOT_ALLOWED, ack.outcome());
    assertEquals(LedgerStatus.RESOLVED, again.entry().orElseThrow().status());
  }

  @Test
  void lostRace_shouldRereadAndKeepBothChanges() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);
    store.interleave(theirs -> new LedgerEntry(theirs.id(), theirs.category(), theirs.orderId(), theirs.cip(), theirs.detail(),
        theirs.orderAmount(), theirs.gatewayAmount(), theirs.currency(), theirs.businessDate(), theirs.status(), Optional.of("other"),
        theirs.notes(), theirs.history(), theirs.firstSeenDate(), theirs.lastSeenDate(), theirs.version() + 1, theirs.alertPending()));

    ledger.apply(D2, List.of(paidNotRecorded("A1", D2)), T2);

    LedgerEntry e = store.all().get(0);
    assertEquals(D2, e.lastSeenDate());
    assertEquals(Optional.of("other"), e.owner());
    assertEquals(3, e.version());
  }

  @Test
  void alerted_shouldClearThePendingFlagSoARerunOwesNothing() {
    LedgerUpdate u = ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);
    ledger.alerted(u.alertPending());

    LedgerUpdate again = ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T2);

    assertEquals(List.of(), again.alertPending());
  }

  @Test
  void crashBeforeTheAlert_shouldLeaveTheAlertOwedToTheNextRun() {
    ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1);

    LedgerUpdate again = ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T2);

    assertEquals(1, again.alertPending().size());
  }

  @Test
  void storageFault_shouldThrow() {
    store.failNextSaves(1);
    assertThrows(StorageException.class, () -> ledger.apply(D1, List.of(paidNotRecorded("A1", D1)), T1));
  }

  @Test
  void permutingTheFindings_shouldNotChangeTheLedger() {
    List<Discrepancy> findings = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      findings.add(finding(Category.values()[i % Category.values().length], "O" + i, String.valueOf(1000 + i), D1, i + ".50", "d" + i));
    }
    InMemoryLedger other = new InMemoryLedger();
    List<Discrepancy> shuffled = new ArrayList<>(findings);
    Collections.shuffle(shuffled, new Random(7));

    ledger.apply(D1, findings, T1);
    new DiscrepancyLedger(other).apply(D1, shuffled, T1);

    assertEquals(store.all(), other.all());
  }

  @Test
  void parallelWriters_shouldGiveTheSameLedgerAndOutcomeAsOneWriter() throws Exception {
    List<Discrepancy> findings = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      findings.add(finding(Category.values()[i % Category.values().length], "O" + i, String.valueOf(1000 + i), D1, i + ".50", "d" + i));
    }
    InMemoryLedger parallelStore = new InMemoryLedger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      DiscrepancyLedger parallel = new DiscrepancyLedger(parallelStore, pool, 8);

      LedgerUpdate one = ledger.apply(D1, findings, T1);
      LedgerUpdate many = parallel.apply(D1, findings, T1);
      LedgerUpdate fixedOne = ledger.apply(D1, findings.subList(0, 100), T2);
      LedgerUpdate fixedMany = parallel.apply(D1, findings.subList(0, 100), T2);
      parallel.alerted(many.alertPending());
      ledger.alerted(one.alertPending());

      assertEquals(one, many);
      assertEquals(fixedOne, fixedMany);
      assertEquals(200, fixedMany.autoResolved().size());
      assertEquals(store.all(), parallelStore.all());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void parallelWriters_shouldRethrowAStorageFault() {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      store.failNextSaves(1);
      List<Discrepancy> findings = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        findings.add(paidNotRecorded("P" + i, D1));
      }
      assertThrows(StorageException.class, () -> new DiscrepancyLedger(store, pool, 4).apply(D1, findings, T1));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void transitionTable_shouldOnlyLetRunsReopenClosedEntries() {
    assertFalse(LedgerTransitions.allowed(LedgerStatus.RESOLVED, LedgerStatus.ACKNOWLEDGED));
    assertFalse(LedgerTransitions.allowed(LedgerStatus.AUTO_RESOLVED, LedgerStatus.RESOLVED));
    assertTrue(LedgerTransitions.allowed(LedgerStatus.RESOLVED, LedgerStatus.OPEN));
    assertTrue(LedgerTransitions.allowed(LedgerStatus.ACKNOWLEDGED, LedgerStatus.AUTO_RESOLVED));
  }
}
