package io.pagorecon.bench.reconcile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The baseline: what a data-savvy seller would do instead, docs/contracts.md Contract 1 written in DuckDB
 * SQL straight over the three Contract 2 files (read_csv / read_json with declared column types,
 * DuckDB's fastest path), for one business date judged as of its end. Every CTE mirrors one step of
 * {@code io.pagorecon.core.reconcile.Reconciler}: statement rows belong to the order of their
 * transaction code and to every order naming their CIP; the first cip.paid webhook per CIP counts.
 */
public final class DuckDbReconciliation {

  private static final String SQL = """
      WITH
      o AS (
        SELECT order_id, cip, amount, upper(trim(currency)) AS currency, upper(trim(status)) AS st, created_at
        FROM :orders_source),
      w_all AS (
        SELECT CAST(body.data.cip AS BIGINT) AS cip, CAST(receivedAt AS TIMESTAMPTZ) AS received,
               CAST(body.data.paymentDate AS TIMESTAMPTZ) AS pay, body.data.amount AS amount,
               body.data.currency AS currency, body.data.transactionCode AS code
        FROM :webhooks_source
        WHERE body.eventType = 'cip.paid'),
      w AS (
        SELECT cip, min(received) AS received,
               arg_min({'pay': pay, 'code': code}, {'r': received, 'p': pay, 'a': amount, 'c': currency, 't': code}) AS first
        FROM w_all GROUP BY cip),
      wf AS (SELECT cip, received, first.pay AS pay, first.code AS code FROM w),
      r0 AS (
        SELECT cip, nullif(transaction_code, '') AS code, amount, upper(trim(currency)) AS currency,
               upper(trim(status)) AS st, created_at, expires_at, paid_at
        FROM :statement_source),
      by_cip AS (SELECT cip, min(order_id) AS first_order FROM o WHERE cip IS NOT NULL GROUP BY cip),
      r AS (
        SELECT r0.*, wf.cip IS NOT NULL AS hooked,
               coalesce(r0.paid_at, wf.pay) AS pay_time,
               CASE WHEN r0.st IN ('PAID', 'REFUNDED') THEN coalesce(r0.paid_at, wf.pay, r0.created_at) ELSE r0.created_at END AS item_time,
               coalesce(oc.order_id, bc.first_order) AS primary_order
        FROM r0
        LEFT JOIN wf ON wf.cip = r0.cip
        LEFT JOIN o oc ON oc.order_id = r0.code
        LEFT JOIN by_cip bc ON bc.cip = r0.cip),
      links AS (
        SELECT o.order_id, o.st AS order_st, o.amount AS order_amount, o.currency AS order_currency, o.cip AS order_cip, r.*
          FROM r JOIN o ON o.order_id = r.code
        UNION ALL
        SELECT o.order_id, o.st, o.amount, o.currency, o.cip, r.*
          FROM r JOIN o ON o.cip = r.cip WHERE r.code IS NULL OR o.order_id <> r.code),
      per_order AS (
        SELECT order_id,
               count(*) FILTER (WHERE st IN ('PAID', 'REFUNDED')) AS settled,
               count(*) FILTER (WHERE st = 'PAID') AS paid,
               max(pay_time) FILTER (WHERE st = 'PAID') AS latest_paid,
               bool_or(st IN ('PENDING', 'UNKNOWN') AND expires_at IS NULL) AS payable_forever,
               max(expires_at) FILTER (WHERE st IN ('PENDING', 'UNKNOWN')) AS latest_expiry,
               bool_or(hooked) AS hooked,
               -- the payment that stands: the order's own CIP when paid, else the first paid (paid_at, then CIP)
               CASE WHEN coalesce(bool_or(st = 'PAID' AND cip = order_cip), false) THEN any_value(order_cip)
                    ELSE arg_min(cip, {'p': coalesce(paid_at, CAST('infinity' AS TIMESTAMPTZ)), 'c': cip}) FILTER (WHERE st = 'PAID')
               END AS standing
        FROM links GROUP BY order_id),
      duplicates AS (
        SELECT l.order_id, string_agg(CAST(l.cip AS VARCHAR), ';' ORDER BY l.cip) AS cips
        FROM links l JOIN per_order p ON p.order_id = l.order_id
        WHERE p.paid > 1 AND l.st = 'PAID' AND l.cip <> p.standing
        GROUP BY l.order_id),
      hooked_orders AS (
        SELECT code AS order_id FROM wf WHERE code IS NOT NULL
        UNION
        SELECT o.order_id FROM wf JOIN o ON o.cip = wf.cip),
      hook_items AS (
        SELECT wf.*, r.st AS row_st, r.cip IS NOT NULL AS known,
               CASE WHEN r.cip IS NOT NULL THEN r.primary_order ELSE coalesce(oc.order_id, bc.first_order) END AS owner,
               coalesce(r.paid_at, wf.pay) AS pay_at
        FROM wf
        LEFT JOIN r ON r.cip = wf.cip
        LEFT JOIN o oc ON oc.order_id = wf.code
        LEFT JOIN by_cip bc ON bc.cip = wf.cip),
      found AS (
        SELECT 'PAID_NOT_RECORDED' AS category, order_id, CAST(cip AS VARCHAR) AS cip, item_time AS t
          FROM links WHERE st = 'PAID' AND order_st IN ('PENDING', 'CANCELLED')
        UNION ALL
        SELECT 'AMOUNT_MISMATCH', order_id, CAST(cip AS VARCHAR), item_time
          FROM links WHERE st = 'PAID' AND amount <> order_amount
        UNION ALL
        SELECT 'CURRENCY_MISMATCH', order_id, CAST(cip AS VARCHAR), item_time
          FROM links WHERE st = 'PAID' AND currency <> order_currency
        UNION ALL
        SELECT 'REFUND_NOT_SYNCED', order_id, CAST(cip AS VARCHAR), item_time
          FROM links WHERE st = 'REFUNDED' AND order_st IN ('PAID', 'SHIPPED')
        UNION ALL
        SELECT 'RECORDED_NOT_PAID', o.order_id, coalesce(CAST(o.cip AS VARCHAR), ''), o.created_at
          FROM o LEFT JOIN per_order p ON p.order_id = o.order_id
          WHERE o.st IN ('PAID', 'SHIPPED') AND coalesce(p.settled, 0) = 0
        UNION ALL
        SELECT 'DUPLICATE_PAYMENT', o.order_id, d.cips, coalesce(p.latest_paid, o.created_at)
          FROM o JOIN per_order p ON p.order_id = o.order_id JOIN duplicates d ON d.order_id = o.order_id
        UNION ALL
        SELECT 'EXPIRED_ORDER_OPEN', o.order_id, coalesce(CAST(o.cip AS VARCHAR), ''),
               greatest(o.created_at + :open_for, coalesce(p.latest_expiry, o.created_at + :open_for))
          FROM o LEFT JOIN per_order p ON p.order_id = o.order_id
          WHERE o.st = 'PENDING' AND coalesce(p.paid, 0) = 0 AND NOT coalesce(p.payable_forever, false)
            AND NOT coalesce(p.hooked, false)
            AND o.order_id NOT IN (SELECT order_id FROM hooked_orders)
            AND :as_of > greatest(o.created_at + :open_for, coalesce(p.latest_expiry, o.created_at + :open_for))
        UNION ALL
        SELECT 'UNKNOWN_ORDER', coalesce(code, ''), CAST(cip AS VARCHAR), item_time
          FROM r WHERE st = 'PAID' AND primary_order IS NULL
        UNION ALL
        SELECT 'MISSING_WEBHOOK', coalesce(primary_order, code, ''), CAST(cip AS VARCHAR), item_time
          FROM r WHERE st = 'PAID' AND NOT hooked
        UNION ALL
        SELECT 'LATE_WEBHOOK', coalesce(owner, code, ''), CAST(cip AS VARCHAR), pay_at
          FROM hook_items WHERE pay_at IS NOT NULL AND received - pay_at > :late_after
        UNION ALL
        SELECT 'WEBHOOK_NOT_CONFIRMED', coalesce(owner, code, ''), CAST(cip AS VARCHAR), coalesce(pay_at, received)
          FROM hook_items WHERE NOT known OR row_st NOT IN ('PAID', 'REFUNDED'))
      SELECT category, order_id, cip FROM found WHERE t >= :window_start AND t < :window_end
      """;

  private static final String ORDERS_SOURCE = """
      read_csv(:orders, header = true, auto_detect = false, quote = '"',
        columns = {'order_id': 'VARCHAR', 'cip': 'BIGINT', 'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR',
                   'status': 'VARCHAR', 'created_at': 'TIMESTAMPTZ', 'paid_at': 'TIMESTAMPTZ'})""";
  private static final String WEBHOOKS_SOURCE = """
      read_json(:webhooks, format = 'newline_delimited',
        columns = {'receivedAt': 'VARCHAR',
                   'body': 'STRUCT(eventType VARCHAR, data STRUCT(cip VARCHAR, currency VARCHAR, amount DECIMAL(18,2), paymentDate VARCHAR, transactionCode VARCHAR))'})""";
  private static final String STATEMENT_SOURCE = """
      read_csv(:statement, header = true, auto_detect = false, quote = '"',
        columns = {'cip': 'BIGINT', 'transaction_code': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR',
                   'status': 'VARCHAR', 'created_at': 'TIMESTAMPTZ', 'expires_at': 'TIMESTAMPTZ',
                   'paid_at': 'TIMESTAMPTZ', 'removed_at': 'TIMESTAMPTZ'})""";

  /** How DuckDB gets the files: the query reads them itself, or they are loaded into tables first. */
  public enum Mode {
    /** One statement over {@code read_csv}/{@code read_json}. */
    FILES,
    /** {@code CREATE TABLE ... AS} the same readers, then the same query over the tables (timed together). */
    TABLES
  }

  private final Instant windowStart;
  private final Instant windowEnd;
  private final Duration lateAfter;
  private final Duration openFor;

  /** The business date's window {@code [start, end)}; time rules are judged as of its end. */
  public DuckDbReconciliation(Instant windowStart, Instant windowEnd, Duration lateAfter, Duration openFor) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.lateAfter = lateAfter;
    this.openFor = openFor;
  }

  /** Runs the query over the files on a fresh in-memory database (all cores), so nothing is cached between runs. */
  public List<Finding> run(Path orders, Path statement, Path webhooks) throws SQLException {
    return run(Mode.FILES, orders, statement, webhooks);
  }

  /** Same, the files read by the query itself or loaded into tables first (loading included in the time). */
  public List<Finding> run(Mode mode, Path orders, Path statement, Path webhooks) throws SQLException {
    List<Finding> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      String query = sql(orders, statement, webhooks);
      if (mode == Mode.TABLES) {
        s.execute(files("CREATE TABLE orders_t AS SELECT * FROM " + ORDERS_SOURCE, orders, statement, webhooks));
        s.execute(files("CREATE TABLE statement_t AS SELECT * FROM " + STATEMENT_SOURCE, orders, statement, webhooks));
        s.execute(files("CREATE TABLE webhooks_t AS SELECT * FROM " + WEBHOOKS_SOURCE, orders, statement, webhooks));
        query = tablesSql();
      }
      try (ResultSet rs = s.executeQuery(query)) {
        while (rs.next()) {
          out.add(new Finding(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  String tablesSql() {
    return parameters(SQL.replace(":orders_source", "orders_t").replace(":statement_source", "statement_t").replace(":webhooks_source", "webhooks_t"));
  }

  String sql(Path orders, Path statement, Path webhooks) {
    return files(parameters(SQL.replace(":orders_source", ORDERS_SOURCE).replace(":statement_source", STATEMENT_SOURCE)
        .replace(":webhooks_source", WEBHOOKS_SOURCE)), orders, statement, webhooks);
  }

  private static String files(String sql, Path orders, Path statement, Path webhooks) {
    return sql.replace(":orders", literal(orders.toAbsolutePath().toString()))
        .replace(":statement", literal(statement.toAbsolutePath().toString()))
        .replace(":webhooks", literal(webhooks.toAbsolutePath().toString()));
  }

  private String parameters(String sql) {
    return sql
        .replace(":open_for", "INTERVAL " + openFor.toSeconds() + " SECOND")
        .replace(":late_after", "INTERVAL " + lateAfter.toSeconds() + " SECOND")
        .replace(":as_of", timestamp(windowEnd))
        .replace(":window_start", timestamp(windowStart))
        .replace(":window_end", timestamp(windowEnd));
  }

  private static String timestamp(Instant t) {
    return "CAST('" + t + "' AS TIMESTAMPTZ)";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
