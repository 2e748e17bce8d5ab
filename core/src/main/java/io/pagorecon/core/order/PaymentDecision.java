package io.pagorecon.core.order;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one payment decision of an order: may the shop ship it? A pure function of everything known
 * about the order (its amount, whether it was cancelled, and each CIP's state, paid amount and how
 * the payment was proven). The rules are {@link #RULES}; docs/payment-decision.md is generated from
 * them ({@link #markdown()}) and {@code PaymentDecisionTest.tableIsUpToDate} fails when it is stale.
 *
 * @param shippable true only when exactly one CIP is PAID with a trusted proof, for the order's
 *     amount and currency, nothing was refunded and the order was not cancelled
 * @param reasons the Contract 1 categories that hold a paid order back, in a stable order; empty
 *     when shippable or simply unpaid
 * @param paidCips the CIPs paid with a trusted proof, by CIP
 */
public record PaymentDecision(boolean shippable, List<Category> reasons, List<String> paidCips) {

  public PaymentDecision {
    reasons = List.copyOf(reasons);
    paidCips = List.copyOf(paidCips);
  }

  /** How a CIP's payment was established. Only a stage-signed notification or the API is trusted. */
  public enum Proof {
    /** A notification verified with the stage's own secret key. */
    STAGE_SIGNED,
    /** PagoEfectivo's API said so ({@code cips/search}: the sync job or a cancel's look-up). */
    GATEWAY_API,
    /** A notification that verifies only with the sandbox key (on production): never money. */
    SANDBOX_SIGNED,
    /** No payment is known. */
    NONE;

    public boolean trusted() {
      return this == STAGE_SIGNED || this == GATEWAY_API;
    }
  }

  /**
   * What is known about one CIP of the order.
   *
   * @param paid the amount and currency PagoEfectivo reported paid (empty when unpaid or unknown)
   */
  public record CipStanding(String cip, PaymentState state, Optional<Money> paid, Proof proof) {
    public CipStanding {
      Objects.requireNonNull(cip, "cip");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(paid, "paid");
      Objects.requireNonNull(proof, "proof");
    }

    /** Paid and proven: money reached the merchant and was not reversed. */
    boolean paidTrusted() {
      return state == PaymentState.PAID && proof.trusted();
    }
  }

  /** One row of the decision table: a reason, when it holds, and what the shop should do. */
  public record Rule(Category reason, String when, String action) {}

  /** The decision table, in the order reasons are listed. */
  public static final List<Rule> RULES = List.of(
      new Rule(Category.AMOUNT_MISMATCH, "a trusted PAID CIP's paid amount differs from the order amount at scale 2 (or is unknown)",
          "hold: under- or overpaid; contact the shopper or refund the difference"),
      new Rule(Category.CURRENCY_MISMATCH, "a trusted PAID CIP was paid in another currency than the order's",
          "hold: settle the currency difference first"),
      new Rule(Category.DUPLICATE_PAYMENT, "more than one CIP of the order is PAID with a trusted proof",
          "hold: refund the extra payment(s), then ship once"),
      new Rule(Category.REFUND_NOT_SYNCED, "a CIP of the order is REFUNDED (an extorno)",
          "hold: the money went back; do not ship"),
      new Rule(Category.PAID_NOT_RECORDED, "the order was cancelled and a CIP of it is PAID anyway (a cancel raced a payment)",
          "hold: the payment stands; refund it or un-cancel and ship"));

  /**
   * The decision for an order of {@code amount}.
   *
   * @param cancelled the shop cancelled the order (or it expired and was cancelled automatically)
   */
  public static PaymentDecision decide(Money amount, boolean cancelled, List<CipStanding> cips) {
    Objects.requireNonNull(amount, "amount");
    List<CipStanding> paid = cips.stream().filter(CipStanding::paidTrusted)
        .sorted(Comparator.comparing(CipStanding::cip)).toList();
    Set<Category> reasons = EnumSet.noneOf(Category.class);
    for (CipStanding c : paid) {
      reasons.addAll(mismatches(amount, c.paid()));
    }
    if (paid.size() > 1) {
      reasons.add(Category.DUPLICATE_PAYMENT);
    }
    if (cips.stream().anyMatch(c -> c.state() == PaymentState.REFUNDED)) {
      reasons.add(Category.REFUND_NOT_SYNCED);
    }
    if (cancelled && !paid.isEmpty()) {
      reasons.add(Category.PAID_NOT_RECORDED);
    }
    List<Category> ordered = new ArrayList<>();
    RULES.forEach(r -> {
      if (reasons.contains(r.reason())) {
        ordered.add(r.reason());
      }
    });
    boolean shippable = paid.size() == 1 && ordered.isEmpty() && !cancelled;
    return new PaymentDecision(shippable, ordered, paid.stream().map(CipStanding::cip).toList());
  }

  /** The decision for a stored order, its CIPs read through {@code find}. */
  public static PaymentDecision of(Order order, Function<String, Optional<CipPayment>> find) {
    List<CipStanding> cips = new ArrayList<>();
    for (String cip : order.cips()) {
      cips.add(standing(cip, find.apply(cip)));
    }
    return decide(order.amount(), order.cancelled(), cips);
  }

  /**
   * One stored CIP as the decision sees it. A payment is proven by the source that recorded it: a
   * notification is recorded only once verified with the stage's key (a sandbox-signed one is
   * refused before), the sync job's and a cancel's look-ups ask PagoEfectivo's API; an orders
   * import proves nothing.
   */
  public static CipStanding standing(String cip, Optional<CipPayment> stored) {
    PaymentState state = stored.map(CipPayment::state).orElse(PaymentState.UNKNOWN);
    if (!state.isSettled()) {
      return new CipStanding(cip, state, Optional.empty(), Proof.NONE);
    }
    Proof proof = switch (stored.get().lastSource()) {
      case WEBHOOK -> Proof.STAGE_SIGNED;
      case SYNC, API -> Proof.GATEWAY_API;
      case ORDERS -> Proof.NONE;
    };
    return new CipStanding(cip, state, stored.get().amount(), proof);
  }

  /** AMOUNT_MISMATCH and/or CURRENCY_MISMATCH of one payment against the order, as the daily run finds them. */
  public static Set<Category> mismatches(Money order, Optional<Money> paid) {
    if (paid.isEmpty()) {
      return EnumSet.of(Category.AMOUNT_MISMATCH);
    }
    Set<Category> out = EnumSet.noneOf(Category.class);
    if (paid.get().amount().compareTo(order.amount()) != 0) {
      out.add(Category.AMOUNT_MISMATCH);
    }
    if (paid.get().currency() != order.currency()) {
      out.add(Category.CURRENCY_MISMATCH);
    }
    return out;
  }

  /** Paid (with a trusted proof) but held back: the shop must not ship. */
  public boolean held() {
    return !paidCips.isEmpty() && !shippable;
  }

  /** The decision table in docs/payment-decision.md. */
  public static String markdown() {
    StringBuilder out = new StringBuilder("| reason | holds when | what the shop does |\n|---|---|---|\n");
    for (Rule r : RULES) {
      out.append("| `").append(r.reason()).append("` | ").append(r.when()).append(" | ").append(r.action()).append(" |\n");
    }
    return out.toString();
  }
}
