package io.pagorecon.core.payment;

import static io.pagorecon.core.payment.PaymentEvent.CREATED;
import static io.pagorecon.core.payment.PaymentEvent.DELETED;
import static io.pagorecon.core.payment.PaymentEvent.EXPIRED;
import static io.pagorecon.core.payment.PaymentEvent.PAID;
import static io.pagorecon.core.payment.PaymentEvent.REFUNDED;
import static io.pagorecon.core.payment.PaymentEvent.REOPENED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one transition table of a CIP's state. Every state change in the system goes through {@link
 * #next}.
 *
 * <p>Notifications arrive late, twice, or out of order, so the gateway's facts (PAID, EXPIRED,
 * DELETED, REFUNDED) only ever move a CIP forward along UNKNOWN/PENDING &lt; EXPIRED &lt; DELETED
 * &lt; PAID &lt; REFUNDED: a late {@code cip.expired} never un-pays, and the final state does not
 * depend on delivery order. Money is the strongest fact: a payment reported for an expired or
 * deleted CIP is recorded. The only backward move is REOPENED (our own PATCH of an expired CIP; on a pending CIP it
 * only records the later expiry).
 * An event with no entry is stale: it is recorded as evidence and changes nothing.
 */
public final class PaymentTransitions {

  private static final Map<PaymentState, Map<PaymentEvent, PaymentState>> TABLE = build();

  private PaymentTransitions() {}

  private static Map<PaymentState, Map<PaymentEvent, PaymentState>> build() {
    Map<PaymentState, Map<PaymentEvent, PaymentState>> t = new EnumMap<>(PaymentState.class);
    row(t, PaymentState.UNKNOWN,
        CREATED, PaymentState.PENDING,
        EXPIRED, PaymentState.EXPIRED,
        DELETED, PaymentState.DELETED,
        PAID, PaymentState.PAID,
        REFUNDED, PaymentState.REFUNDED);
    row(t, PaymentState.PENDING,
        REOPENED, PaymentState.PENDING, // expiry moved later while still payable: a new expiresAt
        EXPIRED, PaymentState.EXPIRED,
        DELETED, PaymentState.DELETED,
        PAID, PaymentState.PAID,
        REFUNDED, PaymentState.REFUNDED);
    row(t, PaymentState.EXPIRED,
        REOPENED, PaymentState.PENDING,
        DELETED, PaymentState.DELETED,
        PAID, PaymentState.PAID,
        REFUNDED, PaymentState.REFUNDED);
    row(t, PaymentState.DELETED,
        PAID, PaymentState.PAID,
        REFUNDED, PaymentState.REFUNDED);
    row(t, PaymentState.PAID,
        REFUNDED, PaymentState.REFUNDED);
    row(t, PaymentState.REFUNDED);
    return Collections.unmodifiableMap(t);
  }

  private static void row(Map<PaymentState, Map<PaymentEvent, PaymentState>> t, PaymentState from, Object... pairs) {
    Map<PaymentEvent, PaymentState> row = new EnumMap<>(PaymentEvent.class);
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((PaymentEvent) pairs[i], (PaymentState) pairs[i + 1]);
    }
    t.put(from, Collections.unmodifiableMap(row));
  }

  /** The state after {@code event}, or empty when the event is stale for {@code from}. */
  public static Optional<PaymentState> next(PaymentState from, PaymentEvent event) {
    return Optional.ofNullable(TABLE.get(from).get(event));
  }

  /** The whole table, for the generated state diagram and its staleness test. */
  public static Map<PaymentState, Map<PaymentEvent, PaymentState>> table() {
    return TABLE;
  }

  /** Mermaid source of the state diagram in docs/state-machine.md. */
  public static String mermaid() {
    StringBuilder out = new StringBuilder("stateDiagram-v2\n");
    out.append("    [*] --> UNKNOWN\n");
    TABLE.forEach((from, row) -> row.forEach((event, to) ->
        out.append("    ").append(from).append(" --> ").append(to).append(" : ").append(event).append('\n')));
    return out.toString();
  }
}
