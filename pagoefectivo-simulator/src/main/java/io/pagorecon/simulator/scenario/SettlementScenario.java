package io.pagorecon.simulator.scenario;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The settlement side of a generated day: PagoEfectivo settles the CIPs PAID in {@code
 * statement.csv} the next day (PEN CIPs paid out in PEN or converted to USD, USD CIPs in USD), the
 * seller's bank receives the payouts, and one fault of every settlement category is planted. Writes
 * {@code settlements.csv}, {@code bank.csv}, {@code fees.csv}, {@code rates.csv} and {@code
 * settlement-ground-truth.csv} ({@code category,settlement_id,cip}: what {@code pagorecon settle
 * --as-of} {@link #asOf} must report). Independent of pagorecon's core on purpose: a wrong rule
 * cannot hide on both sides.
 */
public final class SettlementScenario {

  public static final String SETTLEMENTS = "settlements.csv";
  public static final String BANK = "bank.csv";
  public static final String FEES = "fees.csv";
  public static final String RATES = "rates.csv";
  public static final String GROUND_TRUTH = "settlement-ground-truth.csv";

  private static final ZoneId LIMA = ZoneId.of("America/Lima");
  private static final BigDecimal PEN_PERCENT = new BigDecimal("3.49");
  private static final BigDecimal PEN_FIXED = new BigDecimal("0.50");
  private static final BigDecimal PEN_MINIMUM = new BigDecimal("1.00");
  private static final BigDecimal USD_PERCENT = new BigDecimal("3.99");
  private static final BigDecimal USD_FIXED = new BigDecimal("0.15");
  private static final BigDecimal USD_MINIMUM = new BigDecimal("0.30");
  private static final BigDecimal IGV = new BigDecimal("18");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** SBS-style reference, PEN to USD; the payout rate is 0.5% better except in the planted deviation. */
  private static final BigDecimal REFERENCE = new BigDecimal("0.2680");
  private static final BigDecimal FAIR = new BigDecimal("0.2693");
  private static final BigDecimal WORSE = new BigDecimal("0.2620");

  /** What was written. */
  public record Summary(LocalDate asOf, int settlements, long rows, long credits, Map<String, Integer> findings) {}

  private record Paid(long cip, String transactionCode, BigDecimal amount, String currency) {}

  private record Row(String settlementId, long cip, String transactionCode, BigDecimal gross, String currency, BigDecimal fee, BigDecimal tax, BigDecimal net,
      String payout, BigDecimal rate) {}

  private static final class Settlement {
    final String id;
    final LocalDate settledOn;
    final String payout;
    final List<Row> rows = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO.setScale(2);

    Settlement(String id, LocalDate settledOn, String payout) {
      this.id = id;
      this.settledOn = settledOn;
      this.payout = payout;
    }
  }

  private SettlementScenario() {}

  /** The date to judge the generated files as of: late enough for every due date to have passed. */
  public static LocalDate asOf(LocalDate businessDate) {
    return businessDate.plusDays(14);
  }

  /** Reads {@code dir/statement.csv} (as written by {@link ScenarioFiles}) and writes the settlement side beside it. */
  public static Summary write(long seed, LocalDate businessDate, Path dir) {
    try {
      List<Paid> paid = new ArrayList<>();
      Paid unpaid = null;
      long maxCip = 0;
      try (BufferedReader r = Files.newBufferedReader(dir.resolve(ScenarioFiles.STATEMENT), StandardCharsets.UTF_8)) {
        r.readLine();
        String line;
        while ((line = r.readLine()) != null) {
          String[] f = line.split(",", -1);
          long cip = Long.parseLong(f[0]);
          maxCip = Math.max(maxCip, cip);
          if (f[4].equals("PAID") && !f[7].isEmpty()) {
            paid.add(new Paid(cip, f[1], new BigDecimal(f[2]), f[3]));
          } else if (unpaid == null && f[3].equals("PEN") && (f[4].equals("EXPIRED") || f[4].equals("DELETED"))) {
            unpaid = new Paid(cip, f[1], new BigDecimal(f[2]), f[3]);
          }
        }
      }
      return plan(seed, businessDate, paid, unpaid, maxCip + 1000, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the settlement side to " + dir, e);
    }
  }

  private static Summary plan(long seed, LocalDate day, List<Paid> paid, Paid unpaid, long unknownCip, Path dir) throws IOException {
    Random rng = new Random(seed ^ 0x5e771e);
    LocalDate settledOn = day.plusDays(1);
    String prefix = "LQ-" + day.toString().replace("-", "") + "-";
    List<String[]> truth = new ArrayList<>();
    List<Paid> pen = new ArrayList<>();
    List<Paid> usd = new ArrayList<>();
    int missing = 0;
    for (int i = 0; i < paid.size(); i++) {
      Paid p = paid.get(i);
      // SETTLEMENT_MISSING: every 97th paid CIP is in no settlement
      if (i % 97 == 50) {
        truth.add(new String[] {"SETTLEMENT_MISSING", "", Long.toString(p.cip())});
        missing++;
        continue;
      }
      (p.currency().equals("USD") ? usd : pen).add(p);
    }
    // three streams: PEN paid out in PEN, PEN converted to USD, USD paid out in USD
    List<Settlement> settlements = new ArrayList<>();
    List<Paid> penToPen = new ArrayList<>();
    List<Paid> penToUsd = new ArrayList<>();
    for (int i = 0; i < pen.size(); i++) {
      (i % 2 == 0 ? penToPen : penToUsd).add(pen.get(i));
    }
    int[] n = {0};
    List<Settlement> penStream = stream(penToPen, "PEN", prefix, settledOn, n, settlements);
    List<Settlement> fxStream = stream(penToUsd, "USD", prefix, settledOn, n, settlements);
    stream(usd, "USD", prefix, settledOn, n, settlements);

    int rowIndex = 0;
    Settlement fxWorse = fxStream.isEmpty() ? null : fxStream.get(0);
    for (Settlement s : settlements) {
      for (Row planned : new ArrayList<>(s.rows)) {
        Row r = planned;
        rowIndex++;
        String cip = Long.toString(r.cip());
        BigDecimal rate = s == fxWorse ? WORSE : r.rate();
        if (rowIndex % 101 == 7) {
          // GROSS_MISMATCH: the gross is 1.00 above the statement (fee and net follow it)
          r = row(s, r.cip(), r.transactionCode(), r.gross().add(BigDecimal.ONE), r.currency(), rate, BigDecimal.ZERO, BigDecimal.ZERO);
          truth.add(new String[] {"GROSS_MISMATCH", s.id, cip});
        } else if (rowIndex % 101 == 37) {
          // FEE_MISMATCH: 0.30 more commission than contracted (the net follows it)
          r = row(s, r.cip(), r.transactionCode(), r.gross(), r.currency(), rate, new BigDecimal("0.30"), BigDecimal.ZERO);
          truth.add(new String[] {"FEE_MISMATCH", s.id, cip});
        } else if (rowIndex % 101 == 67) {
          // NET_MISMATCH: 0.50 less net than gross - fee - tax (converted), or more on a tiny payment
          BigDecimal off = r.net().compareTo(BigDecimal.ONE) > 0 ? new BigDecimal("-0.50") : new BigDecimal("0.50");
          r = row(s, r.cip(), r.transactionCode(), r.gross(), r.currency(), rate, BigDecimal.ZERO, off);
          truth.add(new String[] {"NET_MISMATCH", s.id, cip});
        } else if (s == fxWorse) {
          r = row(s, r.cip(), r.transactionCode(), r.gross(), r.currency(), rate, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        s.rows.set(s.rows.indexOf(planned), r);
      }
      s.total = s.rows.stream().map(Row::net).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
    if (fxWorse != null && fxWorse.total.signum() > 0) {
      truth.add(new String[] {"FX_RATE_DEVIATION", fxWorse.id, ""});
    }

    // SETTLED_NOT_PAID and SETTLED_TWICE: a re-settlement the next day
    Settlement extra = new Settlement(prefix + "R", settledOn.plusDays(1), "PEN");
    if (!penToPen.isEmpty()) {
      Paid p = penToPen.get(penToPen.size() / 2);
      extra.rows.add(row(extra, p.cip(), p.transactionCode(), p.amount(), "PEN", null, BigDecimal.ZERO, BigDecimal.ZERO));
      truth.add(new String[] {"SETTLED_TWICE", extra.id, Long.toString(p.cip())});
    }
    extra.rows.add(row(extra, unknownCip, "", new BigDecimal("45.90"), "PEN", null, BigDecimal.ZERO, BigDecimal.ZERO));
    truth.add(new String[] {"SETTLED_NOT_PAID", extra.id, Long.toString(unknownCip)});
    if (unpaid != null) {
      // an expired (or deleted) CIP settled as if it had been paid
      extra.rows.add(row(extra, unpaid.cip(), unpaid.transactionCode(), unpaid.amount(), "PEN", null, BigDecimal.ZERO, BigDecimal.ZERO));
      truth.add(new String[] {"SETTLED_NOT_PAID", extra.id, Long.toString(unpaid.cip())});
    }
    extra.total = extra.rows.stream().map(Row::net).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    settlements.add(extra);

    // payouts: by reference, every third by exact amount; one never arrives, one arrives short
    Settlement notReceived = penStream.size() > 1 ? penStream.get(1) : null;
    Settlement shortPaid = penStream.size() > 2 ? penStream.get(2) : null;
    List<String> bank = new ArrayList<>();
    int k = 0;
    for (Settlement s : settlements) {
      if (s.rows.isEmpty()) {
        continue;
      }
      if (s == notReceived) {
        truth.add(new String[] {"PAYOUT_NOT_RECEIVED", s.id, ""});
      } else if (s == shortPaid) {
        bank.add(s.settledOn.plusDays(1) + "," + s.total.subtract(new BigDecimal("1.37")) + "," + s.payout + ",ABONO PAGOEFECTIVO " + s.id);
        truth.add(new String[] {"PAYOUT_SHORT", s.id, ""});
      } else if (k++ % 3 == 2) {
        bank.add(s.settledOn + "," + s.total + "," + s.payout + ",TRANSFERENCIA INTERBANCARIA");
      } else {
        bank.add(s.settledOn.plusDays(1 + rng.nextInt(2)) + "," + s.total + "," + s.payout + ",ABONO PAGOEFECTIVO " + s.id);
      }
    }
    BigDecimal stray = new BigDecimal("123.45");
    if (notReceived != null && notReceived.total.compareTo(stray) == 0) {
      stray = new BigDecimal("123.46");
    }
    bank.add(day.plusDays(2) + "," + stray + ",PEN,DEVOLUCION PROVEEDOR 88123");
    truth.add(new String[] {"UNEXPECTED_CREDIT", "", ""});

    long rows = 0;
    try (Writer w = open(dir.resolve(SETTLEMENTS))) {
      w.write("settlement_id,settled_on,cip,transaction_code,gross_amount,currency,fee,fee_tax,net_amount,payout_currency,fx_rate\n");
      StringBuilder b = new StringBuilder(256);
      for (Settlement s : settlements) {
        for (Row r : s.rows) {
          b.setLength(0);
          b.append(s.id).append(',').append(s.settledOn).append(',').append(r.cip()).append(',').append(r.transactionCode()).append(',')
              .append(r.gross().toPlainString()).append(',').append(r.currency()).append(',').append(r.fee().toPlainString()).append(',')
              .append(r.tax().toPlainString()).append(',').append(r.net().toPlainString()).append(',').append(r.payout()).append(',')
              .append(r.rate() == null ? "" : r.rate().toPlainString()).append('\n');
          w.append(b);
          rows++;
        }
      }
    }
    try (Writer w = open(dir.resolve(BANK))) {
      w.write("booked_on,amount,currency,reference\n");
      for (String line : bank) {
        w.write(line + "\n");
      }
    }
    try (Writer w = open(dir.resolve(FEES))) {
      w.write("currency,percent,fixed,tax_percent,minimum\n");
      w.write("PEN," + PEN_PERCENT + "," + PEN_FIXED + "," + IGV + "," + PEN_MINIMUM + "\n");
      w.write("USD," + USD_PERCENT + "," + USD_FIXED + "," + IGV + "," + USD_MINIMUM + "\n");
    }
    try (Writer w = open(dir.resolve(RATES))) {
      w.write("date,from,to,rate,source\n");
      // the day's rate is published; the payout date's is not, so the latest earlier one applies
      w.write(day.minusDays(1) + ",PEN,USD,0.2700,SBS\n");
      w.write(day + ",PEN,USD," + REFERENCE + ",SBS\n");
      w.write(settledOn.plusDays(2) + ",PEN,USD,0.2500,SBS\n");
    }
    Map<String, Integer> counts = new TreeMap<>();
    try (Writer w = open(dir.resolve(GROUND_TRUTH))) {
      w.write("category,settlement_id,cip\n");
      for (String[] t : truth) {
        w.write(t[0] + "," + t[1] + "," + t[2] + "\n");
        counts.merge(t[0], 1, Integer::sum);
      }
    }
    return new Summary(asOf(day), (int) settlements.stream().filter(s -> !s.rows.isEmpty()).count(), rows, bank.size(), counts);
  }

  /** Splits a stream into settlements of at most 5,000 CIPs, at least four when there are enough. */
  private static List<Settlement> stream(List<Paid> cips, String payout, String prefix, LocalDate settledOn, int[] n, List<Settlement> all) {
    List<Settlement> out = new ArrayList<>();
    if (cips.isEmpty()) {
      return out;
    }
    int count = Math.max(Math.min(4, cips.size()), (cips.size() + 4999) / 5000);
    for (int i = 0; i < count; i++) {
      Settlement s = new Settlement(prefix + String.format("%03d", ++n[0]), settledOn, payout);
      out.add(s);
      all.add(s);
    }
    for (int i = 0; i < cips.size(); i++) {
      Paid p = cips.get(i);
      Settlement s = out.get(i % count);
      BigDecimal rate = p.currency().equals(payout) ? null : FAIR;
      s.rows.add(row(s, p.cip(), p.transactionCode(), p.amount(), p.currency(), rate, BigDecimal.ZERO, BigDecimal.ZERO));
    }
    return out;
  }

  /** A row at the contract, plus {@code extraFee} commission and {@code netOff} on the net. */
  private static Row row(Settlement s, long cip, String tx, BigDecimal gross, String currency, BigDecimal rate, BigDecimal extraFee, BigDecimal netOff) {
    boolean usd = currency.equals("USD");
    BigDecimal fee = gross.multiply(usd ? USD_PERCENT : PEN_PERCENT).divide(HUNDRED).add(usd ? USD_FIXED : PEN_FIXED).setScale(2, RoundingMode.HALF_UP)
        .max(usd ? USD_MINIMUM : PEN_MINIMUM);
    BigDecimal tax = fee.multiply(IGV).divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
    fee = fee.add(extraFee);
    BigDecimal base = gross.subtract(fee).subtract(tax);
    BigDecimal net = (rate == null ? base : base.multiply(rate)).setScale(2, RoundingMode.HALF_UP).add(netOff);
    return new Row(s.id, cip, tx, gross.setScale(2), currency, fee, tax, net, s.payout, rate);
  }

  private static Writer open(Path p) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
  }
}
