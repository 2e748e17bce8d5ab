package io.pagorecon.core.settlement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagorecon.core.files.ReconcileFiles.Source;
import io.pagorecon.core.files.SettleFiles;
import io.pagorecon.core.files.SettlementFileReaders;
import io.pagorecon.core.files.SettlementReportWriters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Permuting the rows of any input file never changes either report. */
class SettlementPropertiesTest {

  static final LocalDate START = LocalDate.of(2024, 1, 22);

  /** A small random month: consistent rows with random faults of every kind mixed in. */
  static final class Dataset {
    final List<String> statement = new ArrayList<>();
    final List<String> settlements = new ArrayList<>();
    final List<String> bank = new ArrayList<>();
    final List<String> rates = new ArrayList<>();

    Dataset(long seed) {
      Random rnd = new Random(seed);
      int cip = 1000;
      for (int s = 0; s < 6; s++) {
        String id = "LQ-" + s;
        LocalDate on = START.plusDays(s * 2L);
        boolean usd = rnd.nextBoolean();
        BigDecimal rate = new BigDecimal(rnd.nextBoolean() ? "0.2650" : "0.2700");
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        int rows = 1 + rnd.nextInt(5);
        for (int i = 0; i < rows; i++) {
          cip++;
          BigDecimal gross = BigDecimal.valueOf(100 + rnd.nextInt(50000), 2);
          BigDecimal fee = gross.multiply(new BigDecimal("0.035")).add(new BigDecimal("0.50")).setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("1.00"));
          BigDecimal tax = fee.multiply(new BigDecimal("0.18")).setScale(2, RoundingMode.HALF_UP);
          BigDecimal base = gross.subtract(fee).subtract(tax);
          BigDecimal net = usd ? base.multiply(rate).setScale(2, RoundingMode.HALF_UP) : base;
          if (rnd.nextInt(10) == 0) {
            net = net.add(new BigDecimal("0.50"));
          }
          if (rnd.nextInt(10) == 0) {
            fee = fee.add(BigDecimal.ONE);
          }
          String status = rnd.nextInt(12) == 0 ? "EXPIRED" : "PAID";
          String paidAt = on.minusDays(1) + "T1" + rnd.nextInt(10) + ":00:00-05:00";
          if (rnd.nextInt(12) != 0) {
            statement.add(cip + ",ORD-" + cip + "," + (rnd.nextInt(15) == 0 ? gross.add(BigDecimal.TEN) : gross) + ",PEN," + status + ",2024-01-01T00:00:00Z,,"
                + (status.equals("PAID") ? paidAt : "") + ",");
          }
          String row = id + "," + on + "," + cip + ",ORD-" + cip + "," + gross + ",PEN," + fee + "," + tax + "," + net + "," + (usd ? "USD," + rate : "PEN,");
          settlements.add(row);
          if (rnd.nextInt(15) == 0) {
            settlements.add(row.replace(id + "," + on, "LQ-9" + (usd ? "U," : "P,") + START.plusDays(20)));
          }
          total = total.add(net);
        }
        // a payout is a positive credit: tiny settlements (a minimum fee above the gross) get none
        int payout = total.compareTo(new BigDecimal("2")) > 0 ? rnd.nextInt(5) : 4;
        String currency = usd ? "USD" : "PEN";
        if (payout == 0) {
          bank.add(on.plusDays(rnd.nextInt(4)) + "," + total + "," + currency + ",ABONO " + id);
        } else if (payout == 1) {
          bank.add(on.plusDays(rnd.nextInt(4)) + "," + total + "," + currency + ",TRANSFERENCIA");
        } else if (payout == 2) {
          bank.add(on.plusDays(1) + "," + total.subtract(BigDecimal.ONE) + "," + currency + ",LIQ " + id);
        } else if (payout == 3) {
          bank.add(on.plusDays(2) + "," + total + "," + currency + ",");
          bank.add(on.plusDays(2) + "," + total + "," + currency + ",");
        }
      }
      for (int i = 0; i < 5; i++) {
        cip++;
        statement.add(cip + ",ORD-" + cip + ",25.00,PEN,PAID,2024-01-01T00:00:00Z,,2024-01-2" + i + "T12:00:00-05:00,");
      }
      bank.add("2024-01-25,13.13,PEN,OTRO ABONO");
      rates.add("2024-01-20,PEN,USD,0.2690,SBS");
      rates.add("2024-01-24,PEN,USD,0.2660,SBS");
      rates.add("2024-01-26,USD,PEN,3.70,SBS");
    }
  }

  static byte[] csv(String header, List<String> rows) {
    return (header + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] settle(List<String> statement, List<String> settlements, List<String> bank, List<String> rates, List<String> fees) throws Exception {
    SettleFiles files = new SettleFiles(new Settler(SettlementConfig.defaults()), SettlementFileReaders.settlementsCanonical(),
        SettlementFileReaders.bankPreset("canonical").get(), Runnable::run, 1);
    SettlementResult r = files.run(new SettleFiles.Inputs(
        new Source("statement.csv", () -> new ByteArrayInputStream(csv("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at", statement))),
        new Source("settlements.csv", () -> new ByteArrayInputStream(csv(String.join(",", SettlementFileReaders.SETTLEMENT_FIELDS), settlements))),
        new Source("bank.csv", () -> new ByteArrayInputStream(csv("booked_on,amount,currency,reference", bank))),
        new Source("fees.csv", () -> new ByteArrayInputStream(csv("currency,percent,fixed,tax_percent,minimum", fees))),
        Optional.of(new Source("rates.csv", () -> new ByteArrayInputStream(csv("date,from,to,rate,source", rates))))), START.plusDays(14));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SettlementReportWriters.writeCsv(r, out);
    SettlementReportWriters.writeSummary(r, out);
    return out.toByteArray();
  }

  static List<String> shuffled(List<String> rows, long seed) {
    List<String> copy = new ArrayList<>(rows);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  static final List<String> FEES = List.of("PEN,3.5,0.50,18,1.00", "USD,4,0,18,0.30");

  /** The property is only as good as its data: over a few seeds the datasets carry every category. */
  @net.jqwik.api.Example
  void datasets_shouldCarryEveryCategory() throws Exception {
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (long seed = 0; seed < 30; seed++) {
      Dataset d = new Dataset(seed);
      String report = new String(settle(d.statement, d.settlements, d.bank, d.rates, FEES), StandardCharsets.UTF_8);
      for (SettlementCategory c : SettlementCategory.values()) {
        if (report.contains("\n" + c.name() + ",")) {
          seen.add(c.name());
        }
      }
    }
    assertEquals(SettlementCategory.values().length, seen.size(), seen::toString);
  }

  @Property(tries = 40)
  void permutingAnyInputFile_shouldNeverChangeTheReports(@ForAll @LongRange(min = 0, max = 100_000) long seed, @ForAll long shuffleSeed,
      @ForAll @IntRange(min = 0, max = 5) int which) throws Exception {
    Dataset d = new Dataset(seed);
    byte[] original = settle(d.statement, d.settlements, d.bank, d.rates, FEES);
    List<List<String>> files = new ArrayList<>(List.of(d.statement, d.settlements, d.bank, d.rates, FEES));
    if (which == 5) {
      for (int i = 0; i < files.size(); i++) {
        files.set(i, shuffled(files.get(i), shuffleSeed + i));
      }
    } else {
      files.set(which, shuffled(files.get(which), shuffleSeed));
    }
    byte[] permuted = settle(files.get(0), files.get(1), files.get(2), files.get(3), files.get(4));
    assertEquals(new String(original, StandardCharsets.UTF_8), new String(permuted, StandardCharsets.UTF_8));
    assertArrayEquals(original, permuted);
  }
}
