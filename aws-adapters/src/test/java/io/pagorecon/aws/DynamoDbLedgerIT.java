package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.ledger.ManualChange;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ledger use cases on DynamoDbLedger against moto, with the template's LedgerTable. */
@MotoStack
class DynamoDbLedgerIT {

  private static final LocalDate D1 = LocalDate.of(2024, 1, 15);
  private static final LocalDate D2 = LocalDate.of(2024, 1, 16);
  private static final Instant NOW = Instant.parse("2024-01-16T06:00:00Z");

  static Discrepancy finding(String order, LocalDate date) {
    Optional<Money> m = Optional.of(Money.of("10.00", Currency.PEN));
    return new Discrepancy(Category.PAID_NOT_RECORDED, Optional.of(date), order, "9" + order, m, m, Optional.of(Currency.PEN),
        Optional.empty(), Optional.empty(), "", Optional.empty());
  }

  @Test
  void runs_shouldOpenFindAgainAndAutoResolveWithoutDuplicates_overMoreThanOneBatch(AwsTestEnvironment aws) {
    DynamoDbLedger store = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    DiscrepancyLedger ledger = new DiscrepancyLedger(store, pool, 8);
    List<Discrepancy> findings = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      findings.add(finding("O" + i, D1));
    }

    ledger.apply(D1, findings, NOW);
    var again = ledger.apply(D1, findings.subList(1, 130), NOW.plusSeconds(60));
    pool.shutdownNow();

    assertThat(again.opened()).isEmpty();
    assertThat(again.unchanged()).isEqualTo(129);
    assertThat(again.autoResolved()).extracting(LedgerEntry::id).containsExactly("PAID_NOT_RECORDED|O0|9O0");
    assertThat(store.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 1000)).hasSize(129);
    assertThat(store.byStatus(LedgerStatus.AUTO_RESOLVED, Optional.of(D1), Optional.of(D1), 10)).hasSize(1);
    assertThat(store.byStatus(LedgerStatus.OPEN, Optional.of(D2), Optional.empty(), 10)).isEmpty();
    assertThat(store.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 5)).hasSize(5);
  }

  @Test
  void staleWrite_shouldLoseToTheStoredVersionAndPeopleChangesShouldBeRecorded(AwsTestEnvironment aws) {
    DynamoDbLedger store = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"));
    DiscrepancyLedger ledger = new DiscrepancyLedger(store);
    ledger.apply(D1, List.of(finding("A", D1)), NOW);
    LedgerEntry v1 = store.find("PAID_NOT_RECORDED|A|9A").orElseThrow();

    ManualChange ack = ledger.acknowledge(v1.id(), "li.wei", Optional.of("finance"), "checking", NOW);
    Optional<LedgerEntry> conflict = store.save(new LedgerEntry(v1.id(), v1.category(), v1.orderId(), v1.cip(), "stale", v1.orderAmount(),
        v1.gatewayAmount(), v1.currency(), v1.businessDate(), v1.status(), v1.owner(), v1.notes(), v1.history(), v1.firstSeenDate(),
        v1.lastSeenDate(), 2, false));

    assertThat(ack.outcome()).isEqualTo(ManualChange.Outcome.UPDATED);
    assertThat(conflict).hasValueSatisfying(c -> {
      assertThat(c.status()).isEqualTo(LedgerStatus.ACKNOWLEDGED);
      assertThat(c.owner()).contains("finance");
    });
    assertThat(store.find(v1.id()).orElseThrow().detail()).isEmpty();
  }

  @Test
  void markers_shouldBeOnceOnlyFlagsInvisibleToTheStatusIndex(AwsTestEnvironment aws) {
    DynamoDbLedger store = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"));

    assertThat(store.hasMarker("ALERT#THRESHOLD#2024-01-15")).isFalse();
    store.putMarker("ALERT#THRESHOLD#2024-01-15");
    store.putMarker("ALERT#THRESHOLD#2024-01-15");

    assertThat(store.hasMarker("ALERT#THRESHOLD#2024-01-15")).isTrue();
    for (LedgerStatus s : LedgerStatus.values()) {
      assertThat(store.byStatus(s, Optional.empty(), Optional.empty(), 10)).isEmpty();
    }
  }
}
