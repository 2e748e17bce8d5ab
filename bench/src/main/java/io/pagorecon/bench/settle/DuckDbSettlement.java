package io.pagorecon.bench.settle;

import io.pagorecon.bench.reconcile.Finding;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The baseline: the settlement rules (docs/settlement.md) in DuckDB SQL straight over the five
 * files, judged as of the end of a date. Business days come from a calendar built in SQL from the
 * same holiday list; a credit belongs to the settlement whose id its reference contains (the
 * longest, then the earliest), else is paired by exact amount: the k-th settlement without a
 * credit of a (currency, net) takes the k-th such credit when it is booked in the settlement's
 * window. That is the engine's greedy walk whenever equal amounts do not compete for windows, as in
 * the generated data; the bench checks both sides report the same findings before timing anything.
 * FX is compared in DOUBLE (the engine compares exactly; the generated rates are far from the
 * tolerance).
 */
public final class DuckDbSettlement {

  private static final String SQL = """
      WITH
      hol AS (SELECT CAST(h AS DATE) AS d FROM (VALUES :holidays) t(h)),
      days AS (SELECT CAST(range AS DATE) AS d FROM range(DATE :cal_from, DATE :cal_to, INTERVAL 1 DAY)),
      cum AS (
        SELECT d, is_bd, sum(CASE WHEN is_bd THEN 1 ELSE 0 END) OVER (ORDER BY d) AS n
        FROM (SELECT d, isodow(d) < 6 AND d NOT IN (SELECT d FROM hol) AS is_bd FROM days)),
      bdn AS (SELECT n, d FROM cum WHERE is_bd),
      due AS (
        SELECT c.d AS start, s.d AS due_settle, p.d AS due_payout
        FROM cum c JOIN bdn s ON s.n = c.n + :settle_days JOIN bdn p ON p.n = c.n + :payout_days),
      st AS (
        SELECT cip, amount, upper(trim(currency)) AS currency, upper(trim(status)) AS status, CAST(paid_at AS DATE) AS paid_on
        FROM read_csv(:statement, header = true, auto_detect = false, quote = '"',
          columns = {'cip': 'BIGINT', 'transaction_code': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR',
                     'status': 'VARCHAR', 'created_at': 'TIMESTAMPTZ', 'expires_at': 'TIMESTAMPTZ',
                     'paid_at': 'TIMESTAMPTZ', 'removed_at': 'TIMESTAMPTZ'})),
      s AS (
        SELECT settlement_id, settled_on, cip, coalesce(transaction_code, '') AS transaction_code, gross_amount, upper(trim(currency)) AS currency,
               fee, fee_tax, net_amount, upper(trim(payout_currency)) AS payout_currency, fx_rate
        FROM read_csv(:settlements, header = true, auto_detect = false, quote = '"',
          columns = {'settlement_id': 'VARCHAR', 'settled_on': 'DATE', 'cip': 'BIGINT', 'transaction_code': 'VARCHAR',
                     'gross_amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'fee': 'DECIMAL(18,2)', 'fee_tax': 'DECIMAL(18,2)',
                     'net_amount': 'DECIMAL(18,2)', 'payout_currency': 'VARCHAR', 'fx_rate': 'DECIMAL(18,8)'})),
      fe AS (
        SELECT upper(trim(currency)) AS currency, percent, fixed, tax_percent, minimum
        FROM read_csv(:fees, header = true, auto_detect = false,
          columns = {'currency': 'VARCHAR', 'percent': 'DECIMAL(18,6)', 'fixed': 'DECIMAL(18,6)', 'tax_percent': 'DECIMAL(18,6)', 'minimum': 'DECIMAL(18,6)'})),
      b AS (
        SELECT row_number() OVER () AS bid, booked_on, amount, upper(trim(currency)) AS currency, coalesce(reference, '') AS reference
        FROM read_csv(:bank, header = true, auto_detect = false, quote = '"',
          columns = {'booked_on': 'DATE', 'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'reference': 'VARCHAR'})),
      rt AS (
        SELECT "date" AS d, upper(trim("from")) AS fr, upper(trim("to")) AS t, rate
        FROM read_csv(:rates, header = true, auto_detect = false,
          columns = {'date': 'DATE', 'from': 'VARCHAR', 'to': 'VARCHAR', 'rate': 'DECIMAL(18,8)', 'source': 'VARCHAR'})),
      sj AS (
        SELECT s.*, st.cip IS NOT NULL AS known, st.amount AS st_amount, st.currency AS st_currency, st.status AS st_status,
               greatest(fe.minimum, round(s.gross_amount * fe.percent * 0.01 + fe.fixed, 2)) AS cfee, fe.tax_percent
        FROM s LEFT JOIN st ON st.cip = s.cip JOIN fe ON fe.currency = s.currency),
      row_findings AS (
        SELECT 'SETTLED_NOT_PAID' AS category, settlement_id, cip FROM sj WHERE NOT known OR st_status <> 'PAID'
        UNION ALL
        SELECT 'GROSS_MISMATCH', settlement_id, cip FROM sj WHERE known AND (st_amount <> gross_amount OR st_currency <> currency)
        UNION ALL
        SELECT 'NET_MISMATCH', settlement_id, cip FROM sj
          WHERE abs(net_amount - round((gross_amount - fee - fee_tax) * coalesce(fx_rate, 1), 2)) > 0.01
        UNION ALL
        SELECT 'FEE_MISMATCH', settlement_id, cip FROM sj
          WHERE abs(fee - cfee) > 0.01 OR abs(fee_tax - round(cfee * tax_percent * 0.01, 2)) > 0.01),
      twice AS (
        SELECT cip, settlement_id,
               row_number() OVER (PARTITION BY cip ORDER BY settled_on, settlement_id, transaction_code, gross_amount, net_amount) AS k,
               count(*) OVER (PARTITION BY cip) AS n
        FROM s),
      f_twice AS (SELECT 'SETTLED_TWICE' AS category, string_agg(settlement_id, ';' ORDER BY k) AS settlement_id, cip FROM twice WHERE n > 1 AND k > 1 GROUP BY cip),
      f_missing AS (
        SELECT 'SETTLEMENT_MISSING' AS category, '' AS settlement_id, st.cip
        FROM st JOIN due ON due.start = st.paid_on
        WHERE st.status = 'PAID' AND st.paid_on IS NOT NULL AND due.due_settle <= DATE :as_of
          AND NOT EXISTS (SELECT 1 FROM s WHERE s.cip = st.cip)),
      g AS (
        SELECT settlement_id, any_value(settled_on) AS settled_on, any_value(payout_currency) AS payout, sum(net_amount) AS net,
               sum(gross_amount - fee - fee_tax) FILTER (WHERE currency <> payout_currency) AS cbase,
               sum(net_amount) FILTER (WHERE currency <> payout_currency) AS cnet,
               any_value(currency) FILTER (WHERE currency <> payout_currency) AS cfrom
        FROM s GROUP BY settlement_id),
      gd AS (SELECT g.*, due.due_payout FROM g JOIN due ON due.start = g.settled_on),
      refm AS (
        SELECT bid, arg_min(g.settlement_id, {'l': -length(g.settlement_id), 'd': g.settled_on, 'i': g.settlement_id}) AS settlement_id
        FROM b JOIN g ON contains(b.reference, g.settlement_id) GROUP BY bid),
      sr AS (
        SELECT gd.*, row_number() OVER (PARTITION BY payout, net ORDER BY settled_on, settlement_id) AS k
        FROM gd WHERE settlement_id NOT IN (SELECT settlement_id FROM refm)),
      cr AS (
        SELECT b.*, row_number() OVER (PARTITION BY currency, amount ORDER BY booked_on, reference) AS k
        FROM b WHERE bid NOT IN (SELECT bid FROM refm)),
      amtm AS (
        SELECT cr.bid, sr.settlement_id FROM sr JOIN cr ON cr.currency = sr.payout AND cr.amount = sr.net AND cr.k = sr.k
        WHERE cr.booked_on BETWEEN sr.settled_on AND sr.due_payout),
      owned AS (SELECT bid, settlement_id FROM refm UNION ALL SELECT bid, settlement_id FROM amtm),
      recv AS (
        SELECT o.settlement_id, coalesce(sum(b.amount) FILTER (WHERE b.currency = g.payout), 0) AS received
        FROM owned o JOIN b ON b.bid = o.bid JOIN g ON g.settlement_id = o.settlement_id GROUP BY o.settlement_id),
      dr AS (
        SELECT g.settlement_id, max(rt.d) AS d FROM g JOIN rt ON rt.fr = g.cfrom AND rt.t = g.payout AND rt.d <= g.settled_on
        WHERE g.cfrom IS NOT NULL GROUP BY g.settlement_id),
      ir AS (
        SELECT g.settlement_id, max(rt.d) AS d FROM g JOIN rt ON rt.fr = g.payout AND rt.t = g.cfrom AND rt.d <= g.settled_on
        WHERE g.cfrom IS NOT NULL GROUP BY g.settlement_id),
      fx AS (
        SELECT g.settlement_id, g.cbase, g.cnet,
               CASE WHEN dr.d IS NOT NULL AND (ir.d IS NULL OR dr.d >= ir.d) THEN CAST(drt.rate AS DOUBLE)
                    WHEN ir.d IS NOT NULL THEN 1.0 / CAST(irt.rate AS DOUBLE) END AS ref
        FROM g LEFT JOIN dr ON dr.settlement_id = g.settlement_id LEFT JOIN ir ON ir.settlement_id = g.settlement_id
        LEFT JOIN rt drt ON drt.d = dr.d AND drt.fr = g.cfrom AND drt.t = g.payout
        LEFT JOIN rt irt ON irt.d = ir.d AND irt.fr = g.payout AND irt.t = g.cfrom
        WHERE g.cfrom IS NOT NULL),
      settlement_findings AS (
        SELECT 'PAYOUT_NOT_RECEIVED' AS category, gd.settlement_id, NULL AS cip FROM gd
          WHERE gd.settlement_id NOT IN (SELECT settlement_id FROM recv) AND gd.due_payout <= DATE :as_of
        UNION ALL
        SELECT 'PAYOUT_SHORT', g.settlement_id, NULL FROM g JOIN recv ON recv.settlement_id = g.settlement_id WHERE recv.received < g.net
        UNION ALL
        SELECT 'FX_RATE_DEVIATION', settlement_id, NULL FROM fx
          WHERE ref IS NOT NULL AND cbase > 0 AND CAST(cnet AS DOUBLE) * 100 < CAST(cbase AS DOUBLE) * ref * (100 - :tolerance)
        UNION ALL
        SELECT 'UNEXPECTED_CREDIT', '', NULL FROM b WHERE bid NOT IN (SELECT bid FROM owned))
      SELECT category, settlement_id, coalesce(CAST(cip AS VARCHAR), '') FROM row_findings
      UNION ALL SELECT category, settlement_id, CAST(cip AS VARCHAR) FROM f_twice
      UNION ALL SELECT category, settlement_id, CAST(cip AS VARCHAR) FROM f_missing
      UNION ALL SELECT category, settlement_id, '' FROM settlement_findings
      """;

  private final LocalDate asOf;
  private final int settleDays;
  private final int payoutDays;
  private final String tolerance;
  private final Collection<LocalDate> holidays;
  private final LocalDate calendarFrom;
  private final LocalDate calendarTo;

  public DuckDbSettlement(LocalDate asOf, int settleDays, int payoutDays, String tolerancePercent, Collection<LocalDate> holidays, LocalDate calendarFrom,
      LocalDate calendarTo) {
    this.asOf = asOf;
    this.settleDays = settleDays;
    this.payoutDays = payoutDays;
    this.tolerance = tolerancePercent;
    this.holidays = holidays;
    this.calendarFrom = calendarFrom;
    this.calendarTo = calendarTo;
  }

  /** Runs the query on a fresh in-memory database (all cores), with Lima as the session zone for the payment dates. */
  public List<Finding> run(Path statement, Path settlements, Path bank, Path fees, Path rates) throws SQLException {
    List<Finding> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'America/Lima'");
      try (ResultSet rs = s.executeQuery(sql(statement, settlements, bank, fees, rates))) {
        while (rs.next()) {
          out.add(new Finding(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  String sql(Path statement, Path settlements, Path bank, Path fees, Path rates) {
    String hol = holidays.isEmpty() ? "('1900-01-01')" : holidays.stream().sorted().map(d -> "('" + d + "')").collect(Collectors.joining(", "));
    return SQL.replace(":holidays", hol)
        .replace(":cal_from", "'" + calendarFrom + "'")
        .replace(":cal_to", "'" + calendarTo + "'")
        .replace(":settle_days", Integer.toString(settleDays))
        .replace(":payout_days", Integer.toString(payoutDays))
        .replace(":as_of", "'" + asOf + "'")
        .replace(":tolerance", tolerance)
        .replace(":statement", literal(statement))
        .replace(":settlements", literal(settlements))
        .replace(":bank", literal(bank))
        .replace(":fees", literal(fees))
        .replace(":rates", literal(rates));
  }

  private static String literal(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
