package io.pagorecon.core.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Records facts about CIPs through the one transition table, exactly once each. The webhook, the
 * sync job and the payments API all record through here, so a payment recovered by polling is
 * booked exactly as a webhook would book it.
 */
public final class PaymentRecorder {

  private static final int MAX_ATTEMPTS = 8;

  private final PaymentStore store;
  private final Duration firstCheckDelay;
  private final RecordObserver observer;

  /**
   * @param firstCheckDelay when the sync job first looks at a CIP that is still open (the first
   *     step of its backoff schedule)
   */
  public PaymentRecorder(PaymentStore store, Duration firstCheckDelay) {
    this(store, firstCheckDelay, RecordObserver.NONE);
  }

  /** @param observer told about every recorded fact (matching, decision, alerts, shop events) */
  public PaymentRecorder(PaymentStore store, Duration firstCheckDelay, RecordObserver observer) {
    this.store = Objects.requireNonNull(store, "store");
    this.firstCheckDelay = Objects.requireNonNull(firstCheckDelay, "firstCheckDelay");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  public RecordOutcome record(PaymentFact fact) {
    RecordOutcome outcome = write(fact);
    observer.recorded(fact, outcome);
    return outcome;
  }

  private RecordOutcome write(PaymentFact fact) {
    for (int attempt = 1; ; attempt++) {
      Optional<CipPayment> stored = store.find(fact.cip());
      CipPayment current = stored.orElseGet(() -> CipPayment.unknown(fact.cip(), fact.observedAt()));
      Optional<PaymentState> to = PaymentTransitions.next(current.state(), fact.event());
      Optional<CipPayment> next = to.map(state -> advance(current, fact, state))
          .or(() -> stored.isEmpty() ? Optional.of(advance(current, fact, current.state())) : Optional.empty());
      PaymentStore.WriteResult result = store.record(fact, next, current.version());
      switch (result) {
        case WRITTEN:
          return to.<RecordOutcome>map(s -> new RecordOutcome.Applied(current.state(), s))
              .orElseGet(() -> new RecordOutcome.Stale(current.state()));
        case DUPLICATE_FACT:
          return new RecordOutcome.Duplicate(current.state());
        case VERSION_CONFLICT:
          if (attempt >= MAX_ATTEMPTS) {
            throw new StorageException("cip " + fact.cip() + ": state kept changing under " + MAX_ATTEMPTS + " attempts", null);
          }
          break;
        default:
          throw new IllegalStateException("unexpected " + result);
      }
    }
  }

  /** The state item after applying {@code fact}: what we learn is kept, first values win. */
  private CipPayment advance(CipPayment current, PaymentFact fact, PaymentState state) {
    boolean open = state == PaymentState.PENDING || state == PaymentState.UNKNOWN || state == PaymentState.EXPIRED;
    Optional<Instant> nextCheck;
    int step;
    if (!open) {
      nextCheck = Optional.empty();
      step = current.checkStep();
    } else if (current.nextCheckAt().isPresent()) {
      nextCheck = current.nextCheckAt();
      step = current.checkStep();
    } else {
      nextCheck = Optional.of(fact.observedAt().plus(firstCheckDelay));
      step = 0;
    }
    return new CipPayment(
        current.cip(),
        state,
        current.version(),
        current.orderId().or(fact::orderId),
        // once paid, the amount is what PagoEfectivo says was paid: the decision compares it to the order
        fact.event() == PaymentEvent.PAID && fact.amount().isPresent() ? fact.amount() : current.amount().or(fact::amount),
        current.createdAt().or(() -> fact.event() == PaymentEvent.CREATED ? Optional.of(fact.observedAt().atOffset(java.time.ZoneOffset.UTC)) : Optional.empty()),
        fact.expiresAt().or(current::expiresAt),
        current.paidAt().or(fact::paidAt),
        fact.observedAt(),
        fact.source(),
        nextCheck,
        step);
  }
}
