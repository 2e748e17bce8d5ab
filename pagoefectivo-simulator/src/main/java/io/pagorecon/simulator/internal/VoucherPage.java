package io.pagorecon.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pagorecon.simulator.CipView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The voucher page {@code cipUrl} points at ({@code GET <voucher base>/<GUID>.html}): an HTML page
 * with the CIP number, amount, currency, expiry and state, as the customer sees it. A deleted CIP
 * shows nothing (404), as the real page does after a DELETE.
 */
public final class VoucherPage implements HttpHandler {

  /** Where the page lives on the simulator's own host. */
  public static final String PREFIX = "/voucher/";

  private static final Pattern PAGE = Pattern.compile("^" + PREFIX + "([0-9A-Fa-f-]{36})\\.html$");

  private final CipBook book;

  public VoucherPage(CipBook book) {
    this.book = book;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      Matcher m = PAGE.matcher(ex.getRequestURI().getPath());
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(ex, 405, "<html><body>Method not allowed</body></html>", method);
        return;
      }
      Optional<CipView> cip = m.matches() ? book.findByVoucher(m.group(1)) : Optional.empty();
      if (cip.isEmpty() || cip.get().status() == CipBook.DELETED) {
        send(ex, 404, "<html><body>P\u00e1gina no encontrada</body></html>", method);
        return;
      }
      send(ex, 200, page(cip.get()), method);
    } finally {
      ex.close();
    }
  }

  static String page(CipView v) {
    String symbol = v.currency().equals("USD") ? "US$" : "S/";
    return "<!DOCTYPE html>\n<html lang=\"es-PE\"><head><meta charset=\"utf-8\"><title>PagoEfectivo - CIP "
        + v.cip() + "</title></head>\n<body>\n<h1>C\u00f3digo de pago (CIP): <span id=\"cip\">" + v.cip() + "</span></h1>\n"
        + "<p>Monto a pagar: <span id=\"amount\">" + symbol + " " + v.amount().toPlainString() + "</span>"
        + " <span id=\"currency\">" + v.currency() + "</span></p>\n"
        + "<p>Fecha de expiraci\u00f3n: <span id=\"dateExpiry\">" + Wire.format(v.dateExpiry()) + "</span></p>\n"
        + "<p>Estado: <span id=\"status\">" + escape(v.statusName()) + "</span></p>\n"
        + "<p>Referencia: <span id=\"transactionCode\">" + escape(v.transactionCode()) + "</span></p>\n"
        + "</body></html>\n";
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '&': b.append("&amp;"); break;
        case '"': b.append("&quot;"); break;
        case '\'': b.append("&#39;"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }

  private static void send(HttpExchange ex, int status, String html, String method) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    if (method.equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
