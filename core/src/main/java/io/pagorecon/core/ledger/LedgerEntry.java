package io.pagorecon.core.ledger;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.Severity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One discrepancy in the ledger. The id is {@link Discrepancy#id()} (category + order + CIP, no
 * date), so finding the same problem again updates this entry instead of adding one.
 *
 * @param detail the detail of the latest finding
 * @param businessDate the business date of the latest finding
 * @param notes the notes people added, oldest first (each is also in the history)
 * @param version starts at 1 on creation; every save increments it (optimistic locking)
 * @param alertPending a critical entry (new or reopened) whose alert has not been published yet: a
 *     re-run after a crash publishes it, a re-run after success does not
 */
public record LedgerEntry(
    String id,
    FindingCategory category,
    String orderId,
    String cip,
    String detail,
    Optional<Money> orderAmount,
    Optional<Money> gatewayAmount,
    Optional<Currency> currency,
    Optional<LocalDate> businessDate,
    LedgerStatus status,
    Optional<String> owner,
    List<String> notes,
    List<LedgerChange> history,
    LocalDate firstSeenDate,
    LocalDate lastSeenDate,
    long version,
    boolean alertPending) {

  public LedgerEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(orderAmount, "orderAmount");
    Objects.requireNonNull(gatewayAmount, "gatewayAmount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(firstSeenDate, "firstSeenDate");
    Objects.requireNonNull(lastSeenDate, "lastSeenDate");
    notes = List.copyOf(notes);
    history = List.copyOf(history);
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1");
    }
  }

  public Severity severity() {
    return category.severity();
  }

  /** The larger of the two amounts, for ranking "largest items"; zero when neither is known. */
  public BigDecimal rankAmount() {
    BigDecimal a = orderAmount.map(Money::amount).orElse(BigDecimal.ZERO);
    BigDecimal b = gatewayAmount.map(Money::amount).orElse(BigDecimal.ZERO);
    return a.max(b);
  }

  /** The amount shown in alerts: the gateway's when known, else the order's. */
  public Optional<Money> shownAmount() {
    return gatewayAmount.isPresent() ? gatewayAmount : orderAmount;
  }

  /** A new OPEN entry for a finding of a run on {@code runDate}. */
  static LedgerEntry open(LedgerFinding d, LocalDate runDate, LedgerChange opened, boolean alertPending) {
    return new LedgerEntry(d.id(), d.category(), d.orderId(), d.cip(), d.detail(), d.orderAmount(), d.gatewayAmount(),
        d.currency(), d.businessDate(), LedgerStatus.OPEN, Optional.empty(), List.of(), List.of(opened), runDate, runDate,
        1, alertPending);
  }

  /** The next version with the latest finding's facts; status and trail unchanged. */
  LedgerEntry refreshedBy(LedgerFinding d, LocalDate runDate) {
    LocalDate last = runDate.isAfter(lastSeenDate) ? runDate : lastSeenDate;
    return new LedgerEntry(id, category, orderId, cip, d.detail(), d.orderAmount(), d.gatewayAmount(), d.currency(),
        d.businessDate(), status, owner, notes, history, firstSeenDate, last, version, alertPending);
  }

  /** True when the finding would change what is stored (so a same-day re-run writes nothing). */
  boolean differsFrom(LedgerFinding d, LocalDate runDate) {
    return runDate.isAfter(lastSeenDate)
        || !detail.equals(d.detail())
        || !orderAmount.equals(d.orderAmount())
        || !gatewayAmount.equals(d.gatewayAmount())
        || !currency.equals(d.currency())
        || !businessDate.equals(d.businessDate());
  }

  /**
   * The next version after a status change through {@link LedgerTransitions}.
   *
   * @throws IllegalStateException when the table does not allow it (a bug in the caller)
   */
  LedgerEntry moved(LedgerChange change, Optional<String> newOwner, boolean pending) {
    if (!LedgerTransitions.allowed(status, change.to())) {
      throw new IllegalStateException("ledger entry " + id + ": " + status + " -> " + change.to() + " is not allowed");
    }
    List<String> n = new ArrayList<>(notes);
    if (!change.note().isEmpty() && !DiscrepancyLedger.RUN_ACTOR.equals(change.actor())) {
      n.add(change.note());
    }
    List<LedgerChange> h = new ArrayList<>(history);
    h.add(change);
    return new LedgerEntry(id, category, orderId, cip, detail, orderAmount, gatewayAmount, currency, businessDate,
        change.to(), newOwner, n, h, firstSeenDate, lastSeenDate, version + 1, pending);
  }

  LedgerEntry nextVersion() {
    return new LedgerEntry(id, category, orderId, cip, detail, orderAmount, gatewayAmount, currency, businessDate, status,
        owner, notes, history, firstSeenDate, lastSeenDate, version + 1, alertPending);
  }

  LedgerEntry withAlertPending(boolean pending) {
    return new LedgerEntry(id, category, orderId, cip, detail, orderAmount, gatewayAmount, currency, businessDate, status,
        owner, notes, history, firstSeenDate, lastSeenDate, version + 1, pending);
  }
}
