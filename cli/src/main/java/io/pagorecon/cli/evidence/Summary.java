package io.pagorecon.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.pagorecon.core.journal.ApiCall;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** summary.md of a dispute pack: the facts PagoEfectivo support asks for, in Chinese, Spanish and English. */
final class Summary {

  private static final ZoneId LIMA = ZoneId.of("America/Lima");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  /** Labels: zh, es, en. */
  private static final String[][] LABELS = {
    {"争议证据包", "Paquete de evidencia para disputa", "Dispute evidence pack"},
    {"订单", "Pedido", "Order"},
    {"交易码 (transactionCode)", "Código de transacción (transactionCode)", "Transaction code (transactionCode)"},
    {"状态", "Estado", "State"},
    {"金额", "Monto", "Amount"},
    {"创建时间", "Creado", "Created"},
    {"付款时间", "Pagado", "Paid"},
    {"利马时间", "hora de Lima", "Lima time"},
    {"卖家时区", "zona del vendedor", "seller's zone"},
    {"Transaction ID (operationNumber)", "Transaction ID (operationNumber)", "Transaction ID (operationNumber)"},
    {"Correlation ID（PagoEfectivo 返回）", "Correlation ID (devueltos por PagoEfectivo)", "Correlation IDs (returned by PagoEfectivo)"},
    {"我方请求 ID (X-Request-Id)", "Nuestros Request ID (X-Request-Id)", "Our request ids (X-Request-Id)"},
    {"通知签名（现在重新验证）", "Firma de las notificaciones (verificada de nuevo ahora)", "Notification signatures (verified again now)"},
    {"包内文件", "Archivos del paquete", "Files in the pack"},
  };

  private Summary() {}

  static String markdown(List<String> orderIds, List<String> cips, JsonNode payments, JsonNode verification, List<ApiCall> calls,
      List<String> transactionIds, Optional<ZoneId> sellerZone) {
    List<JsonNode> states = new ArrayList<>();
    payments.forEach(p -> {
      if ("STATE".equals(p.path("sk").asText())) {
        states.add(p);
      }
    });
    Set<String> correlation = new LinkedHashSet<>();
    Set<String> ours = new LinkedHashSet<>();
    for (ApiCall c : calls) {
      c.gatewayIds().forEach((k, v) -> correlation.add(k + ": " + v));
      ours.add(c.requestId());
    }
    StringBuilder b = new StringBuilder();
    for (int lang = 0; lang < 3; lang++) {
      b.append("# ").append(l(0, lang)).append("\n\n");
      b.append("- ").append(l(1, lang)).append(": ").append(orderIds.isEmpty() ? "-" : String.join(", ", orderIds)).append('\n');
      for (JsonNode s : states) {
        b.append("- CIP ").append(s.path("cip").asText()).append('\n');
        b.append("  - ").append(l(2, lang)).append(": ").append(s.path("orderId").asText("-")).append('\n');
        b.append("  - ").append(l(3, lang)).append(": ").append(s.path("state").asText("-")).append('\n');
        b.append("  - ").append(l(4, lang)).append(": ").append(s.path("amount").asText("-")).append(' ')
            .append(s.path("currency").asText("")).append('\n');
        time(b, l(5, lang), s.path("createdAt").asText(""), lang, sellerZone);
        time(b, l(6, lang), s.path("paidAt").asText(""), lang, sellerZone);
      }
      if (states.isEmpty()) {
        b.append("- CIP ").append(String.join(", ", cips)).append('\n');
      }
      b.append("- ").append(l(9, lang)).append(": ").append(transactionIds.isEmpty() ? "-" : String.join(", ", transactionIds)).append('\n');
      b.append("- ").append(l(10, lang)).append(": ").append(correlation.isEmpty() ? "-" : String.join("; ", correlation)).append('\n');
      b.append("- ").append(l(11, lang)).append(": ").append(ours.isEmpty() ? "-" : String.join(", ", ours)).append('\n');
      b.append("- ").append(l(12, lang)).append(":\n");
      if (verification.isEmpty()) {
        b.append("  - -\n");
      }
      verification.forEach(v -> b.append("  - ").append(v.path("file").asText(v.path("key").asText())).append(": ")
          .append(v.path("verifiedNow").isNull() || v.path("verifiedNow").isMissingNode() ? "?" : v.path("verifiedNow").asBoolean() ? "OK" : "FAIL")
          .append(" (PE-Signature ").append(v.path("signature").asText("-")).append(")\n"));
      b.append("- ").append(l(13, lang))
          .append(": payments.json, notifications/, verification.json, journal.jsonl, statement-rows.csv, report-lines.csv, ledger.json\n\n");
    }
    return b.toString();
  }

  private static void time(StringBuilder b, String label, String text, int lang, Optional<ZoneId> seller) {
    if (text.isEmpty()) {
      return;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(text);
      b.append("  - ").append(label).append(": ").append(TIME.format(t.atZoneSameInstant(LIMA))).append(" (").append(l(7, lang)).append(')');
      seller.ifPresent(z -> b.append("; ").append(TIME.format(t.atZoneSameInstant(z))).append(" (").append(l(8, lang)).append(' ')
          .append(z).append(')'));
      b.append('\n');
    } catch (DateTimeParseException e) {
      b.append("  - ").append(label).append(": ").append(text).append('\n');
    }
  }

  private static String l(int label, int lang) {
    return LABELS[label][lang];
  }
}
