package io.pagorecon.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.alert.ReconcileAlerts;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.fixtures.InMemoryAlertPublisher;
import io.pagorecon.fixtures.InMemoryDailyFiles;
import io.pagorecon.fixtures.InMemoryLedger;
import io.pagorecon.fixtures.InMemoryLookbackIndexStore;
import io.pagorecon.fixtures.InMemoryReportStore;
import io.pagorecon.fixtures.InMemoryWebhookLog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The lookback index must not change any finding: over generated runs of eight days, the daily
 * run that reads earlier orders through the indexes writes byte-identical reports to the run that
 * reads every earlier export whole (the path without indexes), day after day; so does a run whose
 * indexes are all missing (read whole, indexes rebuilt) and its re-run over the rebuilt ones.
 */
class LookbackIndexEquivalenceTest {

  static final LocalDate D = LocalDate.of(2024, 1, 15);
  static final int LOOKBACK = 7;
  static final String ORDERS_HEADER = "order_id,cip,amount,currency,status,created_at,paid_at\n";
  static final String STATEMENT_HEADER = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n";

  /** Eight days of exports, statements and webhooks, loaded into any number of worlds. */
  static final class Days {
    final List<LocalDate> dates = new ArrayList<>();
    final List<String[]> exports = new ArrayList<>(); // date index, name, csv
    final List<String[]> statements = new ArrayList<>(); // date, csv
    final List<Object[]> webhooks = new ArrayList<>(); // date, receivedAt, body

    void load(InMemoryDailyFiles files, InMemoryWebhookLog log) {
      for (String[] e : exports) {
        files.putOrders(LocalDate.parse(e[0]), e[1], e[2]);
      }
      for (String[] s : statements) {
        files.putStatement(LocalDate.parse(s[0]), s[1], manifest(s[1]));
      }
      for (Object[] w : webhooks) {
        log.add((LocalDate) w[0], (Instant) w[1], (String) w[2]);
      }
    }
  }

  /** One deployment: its stores, and whether it keeps lookback indexes. */
  static final class World {
    final InMemoryDailyFiles files = new InMemoryDailyFiles();
    final InMemoryWebhookLog webhooks = new InMemoryWebhookLog();
    final InMemoryReportStore reports = new InMemoryReportStore();
    final InMemoryLedger ledger = new InMemoryLedger();
    final InMemoryAlertPublisher publisher = new InMemoryAlertPublisher();
    final InMemoryLookbackIndexStore indexes = new InMemoryLookbackIndexStore();
    final DailyReconciliation useCase;

    World(Days days, boolean indexed) {
      days.load(files, webhooks);
      DailyReconciliation.Settings settings = new DailyReconciliation.Settings("sandbox", ZoneId.of("America/Lima"), Optional.empty(),
          OrdersFormat.CANONICAL, LOOKBACK, Runnable::run, 1, Runnable::run, 1);
      useCase = new DailyReconciliation(settings, new Reconciler(ReconcileConfig.defaults()), files, webhooks, reports, ledger,
          new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, false, 5)), publisher,
          indexed ? indexes : LookbackIndexStore.NONE);
    }

    DailyOutcome run(LocalDate date) {
      return useCase.run(date, Instant.parse("2024-01-16T11:00:00Z"));
    }

    String report(LocalDate date) {
      InMemoryReportStore.Reports r = reports.day(date).orElseThrow();
      return new String(r.csv(), StandardCharsets.UTF_8) + "\n--\n" + r.summaryJson();
    }
  }

  @Property(tries = 40)
  void indexedDailyRuns_shouldWriteTheReportsOfTheFullRead(@ForAll long seed) {
    Days days = generate(new Random(seed));
    World full = new World(days, false);
    World indexed = new World(days, true);
    for (LocalDate d : days.dates) {
      DailyOutcome a = full.run(d);
      DailyOutcome b = indexed.run(d);
      assertThat(b.kind()).as("outcome of %s", d).isEqualTo(a.kind());
      assertThat(b.problems()).isEqualTo(a.problems());
      if (a.kind() == DailyOutcome.Kind.RECONCILED) {
        assertThat(indexed.report(d)).as("reports of %s", d).isEqualTo(full.report(d));
      }
    }
    assertThat(indexed.useCase.lastLookback()).as("the last day read its earlier orders through the indexes").startsWith("indexed_days=" + LOOKBACK);

    World rebuilt = new World(days, true);
    DailyOutcome c = rebuilt.run(D);
    assertThat(rebuilt.useCase.lastLookback()).startsWith("indexed_days=0 full_read_days=" + LOOKBACK);
    if (c.kind() == DailyOutcome.Kind.RECONCILED) {
      assertThat(rebuilt.report(D)).isEqualTo(full.report(D));
      rebuilt.run(D);
      assertThat(rebuilt.useCase.lastLookback()).startsWith("indexed_days=" + LOOKBACK);
      assertThat(rebuilt.report(D)).isEqualTo(full.report(D));
    }
  }

  /**
   * The cases the index exists for: an order exported five days ago and paid today; an order
   * exported three days ago, paid then, paid again today through a re-issued CIP with a late
   * webhook; a pending order from yesterday whose open hours run out today; and an export that
   * changed after its index was written (the stale index is not used).
   */
  @Example
  void ordersOfEarlierExports_shouldBeFoundThroughTheIndex() {
    Days days = new Days();
    for (int back = LOOKBACK; back >= 0; back--) {
      days.dates.add(D.minusDays(back));
    }
    LocalDate d5 = D.minusDays(5);
    LocalDate d3 = D.minusDays(3);
    LocalDate d1 = D.minusDays(1);
    days.exports.add(new String[] {d5.toString(), "shop.csv", ORDERS_HEADER
        + "OLD5,5000001,80.00,PEN,PENDING," + at(d5, 9, 0) + ",\n"
        + "FILL5,5000002,10.00,PEN,PENDING," + at(d5, 9, 5) + ",\n"});
    days.statements.add(new String[] {d5.toString(), STATEMENT_HEADER});
    days.statements.add(new String[] {d1.toString(), STATEMENT_HEADER});
    days.exports.add(new String[] {d3.toString(), "shop.csv", ORDERS_HEADER
        + "OLD3,3000001,50.00,PEN,PAID," + at(d3, 9, 0) + "," + at(d3, 10, 0) + "\n"});
    days.statements.add(new String[] {d3.toString(), STATEMENT_HEADER
        + "3000001,OLD3,50.00,PEN,PAID," + at(d3, 9, 0) + "," + at(d3.plusDays(1), 9, 0) + "," + at(d3, 10, 0) + ",\n"});
    days.webhooks.add(new Object[] {d3, Instant.parse(d3 + "T15:01:00Z"), paid("3000001", "OLD3", "50.00", at(d3, 10, 0))});
    days.exports.add(new String[] {d1.toString(), "shop.csv", ORDERS_HEADER
        + "OPEN1,1000001,30.00,PEN,PENDING," + at(d1, 20, 0) + ",\n"});
    days.exports.add(new String[] {D.toString(), "shop.csv", ORDERS_HEADER
        + "NEW,9000001,20.00,PEN,PAID," + at(D, 8, 0) + "," + at(D, 9, 0) + "\n"});
    days.statements.add(new String[] {D.toString(), STATEMENT_HEADER
        + "5000001,OLD5,80.00,PEN,PAID," + at(d5, 9, 0) + "," + at(D, 23, 0) + "," + at(D, 10, 0) + ",\n"
        + "3000002,OLD3,50.00,PEN,PAID," + at(D, 8, 0) + "," + at(D.plusDays(1), 8, 0) + "," + at(D, 11, 0) + ",\n"
        + "3000001,OLD3,50.00,PEN,PAID," + at(d3, 9, 0) + "," + at(d3.plusDays(1), 9, 0) + "," + at(d3, 10, 0) + ",\n"
        + "9000001,NEW,20.00,PEN,PAID," + at(D, 8, 0) + "," + at(D.plusDays(1), 8, 0) + "," + at(D, 9, 0) + ",\n"});
    days.webhooks.add(new Object[] {D, Instant.parse(D + "T15:01:00Z"), paid("5000001", "OLD5", "80.00", at(D, 10, 0))});
    days.webhooks.add(new Object[] {D, Instant.parse(D + "T20:00:00Z"), paid("3000002", "OLD3", "50.00", at(D, 11, 0))});
    days.webhooks.add(new Object[] {D, Instant.parse(D + "T14:01:00Z"), paid("9000001", "NEW", "20.00", at(D, 9, 0))});

    World full = new World(days, false);
    World indexed = new World(days, true);
    for (LocalDate d : days.dates) {
      full.run(d);
      indexed.run(d);
    }
    String report = indexed.report(D);
    assertThat(report).isEqualTo(full.report(D));
    assertThat(report)
        .contains("PAID_NOT_RECORDED,critical,OLD5,5000001")
        .contains("DUPLICATE_PAYMENT,high,OLD3,3000002")
        .contains("LATE_WEBHOOK,low,OLD3,3000002")
        .contains("EXPIRED_ORDER_OPEN,low,OPEN1,1000001")
        .doesNotContain("FILL5");
    assertThat(indexed.useCase.lastLookback()).startsWith("indexed_days=3 full_read_days=0 days_without_exports=4").endsWith("orders_added=3");

    // the export of five days ago changes after its index was written: that date is read whole again
    indexed.files.putOrders(d5, "shop.csv", ORDERS_HEADER + "OLD5,5000001,80.00,PEN,CANCELLED," + at(d5, 9, 0) + ",\n");
    full.files.putOrders(d5, "shop.csv", ORDERS_HEADER + "OLD5,5000001,80.00,PEN,CANCELLED," + at(d5, 9, 0) + ",\n");
    indexed.run(D);
    full.run(D);
    assertThat(indexed.useCase.lastLookback()).startsWith("indexed_days=2 full_read_days=1");
    assertThat(indexed.report(D)).isEqualTo(full.report(D)).contains("PAID_NOT_RECORDED,critical,OLD5,5000001,80.00,80.00,PEN,CANCELLED");
  }

  /** A random run of eight days: orders re-exported with other states and CIPs, shared CIPs, late and duplicate payments. */
  static Days generate(Random r) {
    Days days = new Days();
    for (int back = LOOKBACK; back >= 0; back--) {
      days.dates.add(D.minusDays(back));
    }
    List<String[]> known = new ArrayList<>(); // id, cip, amount, created
    long nextCip = 1_000_000 + r.nextInt(1000);
    String[] statuses = {"PENDING", "PAID", "SHIPPED", "CANCELLED", "REFUNDED"};
    String[] gateway = {"PAID", "PAID", "PAID", "PENDING", "EXPIRED", "REFUNDED", "DELETED"};
    for (int di = 0; di < days.dates.size(); di++) {
      LocalDate day = days.dates.get(di);
      int files = 1 + r.nextInt(2);
      StringBuilder[] csv = new StringBuilder[files];
      for (int f = 0; f < files; f++) {
        csv[f] = new StringBuilder(ORDERS_HEADER);
      }
      Set<String> idsToday = new HashSet<>();
      int n = 3 + r.nextInt(10);
      for (int i = 0; i < n; i++) {
        String[] o;
        if (!known.isEmpty() && r.nextInt(5) == 0) {
          String[] old = known.get(r.nextInt(known.size()));
          // the same order again, perhaps with a new CIP
          o = new String[] {old[0], r.nextInt(3) == 0 ? String.valueOf(nextCip++) : old[1], old[2], old[3]};
        } else {
          int hour = r.nextInt(24);
          LocalDate created = r.nextInt(25) == 0 ? day.plusDays(1 + r.nextInt(2)) : day;
          String cip = r.nextInt(8) == 0 && !known.isEmpty() ? known.get(r.nextInt(known.size()))[1] : r.nextInt(12) == 0 ? "" : String.valueOf(nextCip++);
          o = new String[] {"O" + di + "-" + i + (r.nextInt(6) == 0 ? "ñ" : ""), cip, (1 + r.nextInt(90)) + ".50", at(created, hour, r.nextInt(60))};
        }
        boolean ownDay = day.equals(D);
        if (idsToday.contains(o[0]) && (ownDay || r.nextBoolean())) {
          continue; // a repeated id within a date is bad input on its own day; earlier dates keep their last line
        }
        idsToday.add(o[0]);
        known.add(o);
        String status = statuses[r.nextInt(statuses.length)];
        boolean paid = !status.equals("PENDING") && !status.equals("CANCELLED");
        csv[r.nextInt(files)].append(o[0]).append(',').append(o[1]).append(',').append(o[2]).append(",PEN,").append(status).append(',')
            .append(o[3]).append(',').append(paid ? o[3] : "").append('\n');
      }
      for (int f = 0; f < files; f++) {
        days.exports.add(new String[] {day.toString(), "shop-" + f + ".csv", csv[f].toString()});
      }
      // the statement of the day: CIPs of orders from any earlier day, paid or changed today
      StringBuilder st = new StringBuilder(STATEMENT_HEADER);
      Set<String> cipsToday = new HashSet<>();
      int rows = r.nextInt(Math.min(known.size(), 14) + 1);
      for (int k = 0; k < rows; k++) {
        String[] o = known.get(r.nextInt(known.size()));
        String cip = o[1].isEmpty() || r.nextInt(6) == 0 ? String.valueOf(nextCip++) : o[1];
        if (!cipsToday.add(cip)) {
          continue;
        }
        String code = switch (r.nextInt(10)) {
          case 0 -> "";
          case 1 -> "X" + r.nextInt(5);
          case 2 -> known.get(r.nextInt(known.size()))[0];
          default -> o[0];
        };
        String g = gateway[r.nextInt(gateway.length)];
        boolean settled = g.equals("PAID") || g.equals("REFUNDED");
        String amount = r.nextInt(8) == 0 ? "99.99" : o[2];
        String paidAt = settled ? at(day, r.nextInt(24), r.nextInt(60)) : "";
        String expires = r.nextInt(4) == 0 ? "" : at(day.plusDays(r.nextInt(3) - 1), r.nextInt(24), 0);
        st.append(cip).append(',').append(code).append(',').append(amount).append(",PEN,").append(g).append(',').append(o[3]).append(',')
            .append(expires).append(',').append(paidAt).append(",\n");
        if (settled && r.nextInt(4) != 0) {
          OffsetDateTime paidTime = OffsetDateTime.parse(paidAt);
          Instant received = paidTime.toInstant().plusSeconds(r.nextInt(3) == 0 ? 3600 * 2 : 60);
          days.webhooks.add(new Object[] {day, received, paid(cip, code.isEmpty() ? o[0] : code, amount, paidAt)});
          if (r.nextInt(5) == 0) {
            days.webhooks.add(new Object[] {day, received.plusSeconds(600), paid(cip, o[0], amount, paidAt)});
          }
        }
      }
      // a webhook for a CIP the gateway does not list, naming an old order
      if (!known.isEmpty() && r.nextInt(3) == 0) {
        String[] o = known.get(r.nextInt(known.size()));
        String cip = r.nextBoolean() && !o[1].isEmpty() ? o[1] : String.valueOf(nextCip++);
        if (!cipsToday.contains(cip)) {
          days.webhooks.add(new Object[] {day, Instant.parse(day + "T18:00:00Z"), paid(cip, r.nextBoolean() ? o[0] : "", o[2], at(day, 12, 0))});
        }
      }
      days.statements.add(new String[] {day.toString(), st.toString()});
    }
    return days;
  }

  static String at(LocalDate day, int hour, int minute) {
    return String.format("%sT%02d:%02d:00-05:00", day, hour, minute);
  }

  static String paid(String cip, String order, String amount, String paymentDate) {
    return "{\"eventType\":\"cip.paid\",\"operationNumber\":\"7" + cip + "\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"PEN\","
        + "\"amount\":" + amount + ",\"paymentDate\":\"" + paymentDate + "\",\"transactionCode\":\"" + order + "\"}}";
  }

  static String manifest(String csv) {
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));
      return "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\"" + sha + "\"}}";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
