package io.pagorecon.core.webhook;

import io.pagorecon.core.payment.PaymentEvent;
import java.util.Optional;

/** The notification event types PagoEfectivo sends; anything else is kept but never applied. */
public enum EventType {
  CIP_PAID("cip.paid", PaymentEvent.PAID),
  CIP_EXPIRED("cip.expired", PaymentEvent.EXPIRED),
  CIP_REFUNDED("cip.refunded", PaymentEvent.REFUNDED),
  OTHER(null, null);

  private final String wireName;
  private final PaymentEvent paymentEvent;

  EventType(String wireName, PaymentEvent paymentEvent) {
    this.wireName = wireName;
    this.paymentEvent = paymentEvent;
  }

  public static EventType fromWire(String name) {
    for (EventType t : values()) {
      if (t.wireName != null && t.wireName.equals(name)) {
        return t;
      }
    }
    return OTHER;
  }

  public Optional<String> wireName() {
    return Optional.ofNullable(wireName);
  }

  /** The state-machine event, empty for unknown types. */
  public Optional<PaymentEvent> paymentEvent() {
    return Optional.ofNullable(paymentEvent);
  }
}
