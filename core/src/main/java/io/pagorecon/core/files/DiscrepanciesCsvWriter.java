package io.pagorecon.core.files;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.time.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Writes {@code discrepancies.csv}: UTF-8 with a byte order mark (so Excel reads it as UTF-8), the
 * Contract 2 columns in their order, then {@code event_time} in the business zone and, when a
 * seller zone is configured, {@code seller_time} (e.g. Asia/Shanghai). LF line endings, RFC 4180
 * quoting; the same result always gives the same bytes.
 */
public final class DiscrepanciesCsvWriter {

  public static final String HEADER =
      "business_date,category,severity,order_id,cip,order_amount,gateway_amount,currency,order_status,gateway_status,detail";

  private final ZoneId businessZone;
  private final Optional<ZoneId> sellerZone;

  public DiscrepanciesCsvWriter(ZoneId businessZone, Optional<ZoneId> sellerZone) {
    this.businessZone = businessZone;
    this.sellerZone = sellerZone;
  }

  public void write(ReconcileResult result, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write('\uFEFF');
    w.write(HEADER);
    w.write(",event_time");
    if (sellerZone.isPresent()) {
      w.write(",seller_time");
    }
    w.write('\n');
    StringBuilder line = new StringBuilder(256);
    for (Discrepancy d : result.discrepancies()) {
      line.setLength(0);
      field(line, d.businessDate().map(Object::toString).orElse(""));
      field(line, d.category().name());
      field(line, d.severity().wire());
      field(line, d.orderId());
      field(line, d.cip());
      field(line, d.orderAmount().map(Money::toPlainString).orElse(""));
      field(line, d.gatewayAmount().map(Money::toPlainString).orElse(""));
      field(line, d.currency().map(Enum::name).orElse(""));
      field(line, d.orderStatus().map(Enum::name).orElse(""));
      field(line, d.gatewayStatus().map(Enum::name).orElse(""));
      field(line, d.detail());
      field(line, time(d.eventTime(), businessZone));
      if (sellerZone.isPresent()) {
        field(line, time(d.eventTime(), sellerZone.get()));
      }
      line.setLength(line.length() - 1);
      line.append('\n');
      w.append(line);
    }
    w.flush();
  }

  private static String time(Optional<Instant> t, ZoneId zone) {
    return t.map(i -> Timestamps.format(i.atZone(zone).toOffsetDateTime())).orElse("");
  }

  static void field(StringBuilder line, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (quote) {
      line.append('"').append(value.replace("\"", "\"\"")).append('"');
    } else {
      line.append(value);
    }
    line.append(',');
  }
}
