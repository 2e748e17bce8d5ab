package io.pagorecon.cli.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.ledger.LedgerChange;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.money.Money;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** How ledger entries are printed: aligned text for people, JSON for scripts. */
public final class LedgerText {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LedgerText() {}

  /** One row per entry; every column as wide as its widest value, so long ids keep the columns aligned. */
  static void table(PrintWriter out, List<LedgerEntry> entries) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATUS", "SEVERITY", "FIRST", "LAST", "AMOUNT", "OWNER"});
    for (LedgerEntry e : entries) {
      rows.add(new String[] {e.id(), e.status().name(), e.severity().wire(), e.firstSeenDate().toString(), e.lastSeenDate().toString(),
          e.shownAmount().map(Money::toString).orElse("-"), e.owner().orElse("-")});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean last = i == row.length - 1;
        boolean amount = i == 5; // right-aligned, so the decimals line up
        String cell = amount ? " ".repeat(width[i] - row[i].length()) + row[i] : row[i];
        line.append(cell);
        if (!last) {
          line.append(amount ? "" : " ".repeat(width[i] - row[i].length())).append("  ");
        }
      }
      out.println(line);
    }
  }

  /** History times: always seconds, UTC (the stored instants have varying precision). */
  static String time(Instant at) {
    return SECONDS.format(at);
  }

  /** History times in JSON: always milliseconds, UTC. */
  static String jsonTime(Instant at) {
    return MILLIS.format(at);
  }

  static void detail(PrintWriter out, LedgerEntry e) {
    out.println("id:          " + e.id());
    out.println("category:    " + e.category() + " (" + e.severity().wire() + ")");
    out.println("status:      " + e.status());
    out.println("order:       " + (e.orderId().isEmpty() ? "-" : e.orderId()));
    out.println("cip:         " + (e.cip().isEmpty() ? "-" : e.cip()));
    out.println("order amt:   " + e.orderAmount().map(Money::toString).orElse("-"));
    out.println("gateway amt: " + e.gatewayAmount().map(Money::toString).orElse("-"));
    out.println("detail:      " + (e.detail().isEmpty() ? "-" : e.detail()));
    out.println("business:    " + e.businessDate().map(Object::toString).orElse("-"));
    out.println("seen:        " + e.firstSeenDate() + " .. " + e.lastSeenDate());
    out.println("owner:       " + e.owner().orElse("-"));
    out.println("runbook:     " + io.pagorecon.core.ledger.Runbook.section(e.category()));
    out.println("version:     " + e.version());
    out.println("history:");
    for (LedgerChange c : e.history()) {
      out.println("  " + time(c.at()) + "  " + c.actor() + "  " + c.action() + "  " + c.from().map(Enum::name).orElse("-") + " -> " + c.to()
          + (c.note().isEmpty() ? "" : "  \"" + c.note() + "\""));
    }
  }

  public static ObjectNode json(LedgerEntry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", e.id());
    n.put("category", e.category().name());
    n.put("severity", e.severity().wire());
    n.put("status", e.status().name());
    n.put("orderId", e.orderId());
    n.put("cip", e.cip());
    e.orderAmount().ifPresent(m -> n.put("orderAmount", m.toPlainString()));
    e.gatewayAmount().ifPresent(m -> n.put("gatewayAmount", m.toPlainString()));
    e.currency().ifPresent(c -> n.put("currency", c.name()));
    n.put("detail", e.detail());
    e.businessDate().ifPresent(d -> n.put("businessDate", d.toString()));
    n.put("firstSeenDate", e.firstSeenDate().toString());
    n.put("lastSeenDate", e.lastSeenDate().toString());
    e.owner().ifPresent(o -> n.put("owner", o));
    n.put("runbook", io.pagorecon.core.ledger.Runbook.section(e.category()));
    ArrayNode notes = n.putArray("notes");
    e.notes().forEach(notes::add);
    ArrayNode history = n.putArray("history");
    for (LedgerChange c : e.history()) {
      ObjectNode h = history.addObject();
      h.put("at", jsonTime(c.at()));
      h.put("actor", c.actor());
      h.put("action", c.action());
      c.from().ifPresent(f -> h.put("from", f.name()));
      h.put("to", c.to().name());
      h.put("note", c.note());
    }
    n.put("version", e.version());
    return n;
  }
}
