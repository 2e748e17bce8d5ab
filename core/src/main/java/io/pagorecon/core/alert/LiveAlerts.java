package io.pagorecon.core.alert;

import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.money.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * The wording of real-time alerts: a payment that must hold an order back (wrong amount or
 * currency, a second payment, a payment racing a cancel), a payment naming no known order, and a
 * sandbox-signed notification on production. One message per discrepancy and CIP; once-only is
 * kept by the ledger entry (or a marker), never by memory.
 */
public final class LiveAlerts {

  private final AlertTexts texts;
  private final String stage;

  public LiveAlerts(AlertLanguage language, String stage) {
    this.texts = new AlertTexts(Objects.requireNonNull(language, "language"));
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public static String sandboxMarker(String cip) {
    return "ALERT#SANDBOX#" + cip;
  }

  /** The alert of a ledger entry opened live. */
  public Alert discrepancy(LedgerEntry e) {
    String subject = "[pagorecon " + stage + "] " + e.category().name() + " (" + texts.category(e.category()) + ") "
        + texts.order() + " " + (e.orderId().isEmpty() ? "-" : e.orderId()) + " CIP " + e.cip();
    StringBuilder body = new StringBuilder();
    body.append("- ").append(e.category().name()).append(" (").append(texts.category(e.category())).append(", ")
        .append(e.severity().wire()).append(")\n");
    body.append("- ").append(texts.order()).append(": ").append(e.orderId().isEmpty() ? "-" : e.orderId()).append('\n');
    body.append("- CIP: ").append(e.cip()).append('\n');
    e.orderAmount().ifPresent(m -> body.append("- ").append(texts.order()).append(": ").append(show(m)).append('\n'));
    e.gatewayAmount().ifPresent(m -> body.append("- PagoEfectivo: ").append(show(m)).append('\n'));
    body.append("- ").append(e.detail()).append('\n');
    body.append("- ledger: ").append(e.id()).append('\n');
    return new Alert(subject(subject), body.toString(), Alert.Severity.valueOf(e.severity().name()), stage);
  }

  /** A notification that verifies only with the sandbox key reached production: test data, never money. */
  public Alert sandboxSigned(String cip, Optional<String> transactionCode, Optional<Money> amount) {
    String subject = "[pagorecon " + stage + "] SANDBOX_SIGNATURE CIP " + cip;
    StringBuilder body = new StringBuilder("- SANDBOX_SIGNATURE: a notification signed with the sandbox key reached the "
        + stage + " stage; rejected (401), nothing recorded\n");
    body.append("- CIP: ").append(cip).append('\n');
    transactionCode.ifPresent(t -> body.append("- ").append(texts.order()).append(": ").append(t).append('\n'));
    amount.ifPresent(m -> body.append("- ").append(show(m)).append('\n'));
    return new Alert(subject(subject), body.toString(), Alert.Severity.HIGH, stage);
  }

  private static String show(Money m) {
    return m.currency() + " " + m.toPlainString();
  }

  /** SNS subjects are single-line and under 100 characters. */
  private static String subject(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() < 100 ? one : one.substring(0, 98) + "…";
  }
}
