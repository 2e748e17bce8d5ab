package io.pagorecon.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.alert.ReconcileAlerts;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.fixtures.InMemoryAlertPublisher;
import io.pagorecon.fixtures.InMemoryDailyFiles;
import io.pagorecon.fixtures.InMemoryLedger;
import io.pagorecon.fixtures.InMemoryReportStore;
import io.pagorecon.fixtures.InMemoryWebhookLog;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The daily run over generated days: running the same inputs twice gives byte-identical reports,
 * leaves the ledger untouched and alerts no more; a run that crashes on a ledger write or on the
 * alert is completed by the re-run, ending exactly where a run without the fault ends.
 */
class DailyReconciliationPropertiesTest {

  static final Instant NOW = Instant.parse("2024-01-16T11:00:00Z");

  /** One order and what the gateway and the webhooks say about it. */
  record Line(String orderStatus, long cents, String gatewayStatus, int amountShape, boolean webhook) {}

  final class World {
    final InMemoryDailyFiles files = new InMemoryDailyFiles();
    final InMemoryWebhookLog webhooks = new InMemoryWebhookLog();
    final InMemoryReportStore reports = new InMemoryReportStore();
    final InMemoryLedger ledger = new InMemoryLedger();
    final InMemoryAlertPublisher publisher = new InMemoryAlertPublisher();

    World(List<Line> lines) {
      StringBuilder orders = new StringBuilder(DailyDataset.ORDERS_HEADER);
      StringBuilder statement = new StringBuilder("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n");
      for (int i = 0; i < lines.size(); i++) {
        Line l = lines.get(i);
        String order = "O" + i;
        String cip = String.valueOf(5000 + i);
        String amount = BigDecimal.valueOf(l.cents(), 2).toPlainString();
        boolean orderPaid = l.orderStatus().equals("PAID") || l.orderStatus().equals("SHIPPED");
        orders.append(order).append(',').append(cip).append(',').append(amount).append(",PEN,").append(l.orderStatus())
            .append(",2024-01-15T08:00:00-05:00,").append(orderPaid ? "2024-01-15T10:00:00-05:00" : "").append('\n');
        if (!l.gatewayStatus().equals("NONE")) {
          String gatewayAmount = switch (l.amountShape()) {
            case 0 -> BigDecimal.valueOf(l.cents() * 100, 2).toPlainString();
            case 1 -> BigDecimal.valueOf(l.cents() + 1, 2).toPlainString();
            default -> amount;
          };
          boolean settled = l.gatewayStatus().equals("PAID") || l.gatewayStatus().equals("REFUNDED");
          statement.append(cip).append(',').append(order).append(',').append(gatewayAmount).append(",PEN,").append(l.gatewayStatus())
              .append(",2024-01-15T08:00:00-05:00,2024-01-16T08:00:00-05:00,").append(settled ? "2024-01-15T10:00:00-05:00" : "").append(",\n");
          if (l.webhook() && settled) {
            webhooks.add(DailyDataset.DAY, Instant.parse("2024-01-15T15:01:00Z"),
                DailyDataset.paidWebhook(cip, order, gatewayAmount, "2024-01-15T10:00:00-05:00"));
          }
        }
      }
      String csv = statement.toString();
      files.putStatement(DailyDataset.DAY, csv, DailyDataset.manifest(csv));
      files.putOrders(DailyDataset.DAY, "shop.csv", orders.toString());
    }

    DailyReconciliation useCase() {
      DailyReconciliation.Settings settings = new DailyReconciliation.Settings("sandbox", ZoneId.of("America/Lima"), Optional.empty(),
          OrdersFormat.CANONICAL, 0, Runnable::run, 1, Runnable::run, 1);
      return new DailyReconciliation(settings, new Reconciler(ReconcileConfig.defaults()), files, webhooks, reports, ledger,
          new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, false, 5)), publisher);
    }

    DailyOutcome run(Instant at) {
      return useCase().run(DailyDataset.DAY, at);
    }

    /** What the ledger says, without run timestamps. */
    List<String> ledgerView() {
      return ledger.all().stream().map(DailyReconciliationPropertiesTest::view).sorted().toList();
    }
  }

  static String view(LedgerEntry e) {
    return e.id() + "|" + e.category() + "|" + e.status() + "|" + e.alertPending() + "|" + e.orderAmount() + "|" + e.gatewayAmount();
  }

  @Provide
  Arbitrary<List<Line>> days() {
    Arbitrary<Line> line = Combinators.combine(
        Arbitraries.of("PENDING", "PAID", "SHIPPED", "CANCELLED"),
        Arbitraries.longs().between(1, 5_000_000),
        Arbitraries.of("NONE", "PENDING", "PAID", "EXPIRED", "REFUNDED"),
        Arbitraries.integers().between(0, 5),
        Arbitraries.of(true, false)).as(Line::new);
    return line.list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 200)
  void rerun_shouldGiveIdenticalReportsAndLeaveTheLedgerAndAlertsUnchanged(@ForAll("days") List<Line> day) {
    World world = new World(day);
    DailyOutcome first = world.run(NOW);
    byte[] csv = world.reports.day(DailyDataset.DAY).orElseThrow().csv();
    String json = world.reports.day(DailyDataset.DAY).orElseThrow().summaryJson();
    List<LedgerEntry> ledger = world.ledger.all();
    int saves = world.ledger.saves();
    int alerts = world.publisher.published().size();

    DailyOutcome second = world.run(NOW.plusSeconds(3600));

    assertThat(first.kind()).isEqualTo(DailyOutcome.Kind.RECONCILED);
    assertThat(second.result().orElseThrow()).isEqualTo(first.result().orElseThrow());
    assertThat(world.reports.day(DailyDataset.DAY).orElseThrow().csv()).isEqualTo(csv);
    assertThat(world.reports.day(DailyDataset.DAY).orElseThrow().summaryJson()).isEqualTo(json);
    assertThat(world.ledger.all()).isEqualTo(ledger);
    assertThat(world.ledger.saves()).isEqualTo(saves);
    assertThat(world.publisher.published()).hasSize(alerts);
    assertThat(second.alerted()).isFalse();
  }

  @Property(tries = 200)
  void crashedRun_shouldBeCompletedByTheRerun(@ForAll("days") List<Line> day, @ForAll @IntRange(min = 0, max = 1) int where) {
    World reference = new World(day);
    reference.run(NOW);
    World world = new World(day);
    if (where == 0) {
      world.ledger.failNextSaves(1);
    } else {
      world.publisher.failNextPublishes(1);
    }
    boolean crashed = false;
    try {
      world.run(NOW);
    } catch (StorageException e) {
      crashed = true;
    }

    world.run(NOW);

    assertThat(world.ledgerView()).isEqualTo(reference.ledgerView());
    assertThat(world.publisher.published()).hasSize(reference.publisher.published().size());
    assertThat(world.reports.day(DailyDataset.DAY).orElseThrow().csv()).isEqualTo(reference.reports.day(DailyDataset.DAY).orElseThrow().csv());
    if (!reference.ledger.all().isEmpty() && where == 0) {
      assertThat(crashed).as("the injected ledger fault fired").isTrue();
    }
  }
}
