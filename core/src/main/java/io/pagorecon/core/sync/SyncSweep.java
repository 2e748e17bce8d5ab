package io.pagorecon.core.sync;

import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.CipStatusGateway;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.payment.RecordOutcome;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.time.BusinessCalendar;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Missed-webhook recovery: asks PagoEfectivo about the open CIPs that are due, records any state
 * the system has not recorded exactly as a webhook would (same recorder, same transition table,
 * source SYNC, fact key {@code sync:<STATE>}), tells the shop, and moves each CIP along its check
 * schedule. One bad CIP is reported, never fatal: a failed lookup stays due for the next run.
 */
public final class SyncSweep {

  private final CipRegistry registry;
  private final PaymentStore store;
  private final PaymentRecorder recorder;
  private final CipStatusGateway gateway;
  private final RecoveryNotices notices;
  private final CheckSchedule schedule;
  private final BusinessCalendar calendar;
  private final int maxPerRun;

  public SyncSweep(CipRegistry registry, PaymentStore store, PaymentRecorder recorder, CipStatusGateway gateway,
      RecoveryNotices notices, CheckSchedule schedule, BusinessCalendar calendar, int maxPerRun) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.store = Objects.requireNonNull(store, "store");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.notices = Objects.requireNonNull(notices, "notices");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    if (maxPerRun < 1) {
      throw new IllegalArgumentException("maxPerRun must be at least 1");
    }
    this.maxPerRun = maxPerRun;
  }

  /**
   * One sweep as of {@code now}.
   *
   * @throws io.pagorecon.core.gateway.GatewayException when the gateway refuses us as a whole
   *     (credentials): nothing was recorded
   */
  public SweepReport run(Instant now) {
    List<CipPayment> due = registry.dueForCheck(now, maxPerRun);
    if (due.isEmpty()) {
      return new SweepReport(0, List.of(), 0, 0, List.of());
    }
    Map<String, CipLookup> lookups = gateway.search(due.stream().map(CipPayment::cip).toList());
    List<SweepReport.Recovered> recovered = new ArrayList<>();
    List<SweepReport.ItemFailure> failures = new ArrayList<>();
    int unchanged = 0;
    int notFound = 0;
    for (CipPayment cip : due) {
      CipLookup lookup = lookups.getOrDefault(cip.cip(), new CipLookup.Failed(cip.cip(), "no answer for this cip"));
      try {
        if (lookup instanceof CipLookup.Failed failed) {
          failures.add(new SweepReport.ItemFailure(cip.cip(), "lookup failed: " + failed.reason()));
          continue;
        }
        if (lookup instanceof CipLookup.Found found) {
          Optional<SweepReport.Recovered> r = recordIfNew(cip, found.gatewayCip(), now);
          if (r.isPresent()) {
            recovered.add(r.get());
          } else {
            unchanged++;
          }
        } else {
          notFound++;
        }
        advance(cip.cip(), now);
      } catch (StorageException e) {
        failures.add(new SweepReport.ItemFailure(cip.cip(), "storage: " + e.getMessage()));
      }
    }
    for (SweepReport.Recovered r : recovered) {
      try {
        notices.recovered(new RecoveryNotices.RecoveredPayment(r.cip(), r.orderId(), r.from(), r.to(), r.gatewayCip().amount(), r.gatewayCip().paidAt()));
      } catch (RuntimeException e) {
        // the state is recorded; the missing notice is reported so the run's log and result show it
        failures.add(new SweepReport.ItemFailure(r.cip(), "recovered but the notice failed: " + e.getMessage()));
      }
    }
    return new SweepReport(due.size(), List.copyOf(recovered), unchanged, notFound, List.copyOf(failures));
  }

  private Optional<SweepReport.Recovered> recordIfNew(CipPayment seen, GatewayCip g, Instant now) {
    Optional<PaymentEvent> event = eventFor(g.state());
    if (event.isEmpty() || g.state() == seen.state()) {
      return Optional.empty();
    }
    Instant factTime = factTime(g).orElse(now);
    PaymentFact fact = new PaymentFact(g.cip(), event.get(), "sync:" + g.state().name(), Source.SYNC, now,
        calendar.businessDate(factTime), g.amount(), g.transactionCode(), g.paidAt(), g.expiresAt(),
        Optional.empty(), Optional.empty(), Optional.empty());
    RecordOutcome outcome = recorder.record(fact);
    if (outcome instanceof RecordOutcome.Applied applied) {
      return Optional.of(new SweepReport.Recovered(g.cip(), g.transactionCode().or(seen::orderId), applied.from(), applied.to(), g));
    }
    return Optional.empty();
  }

  /** Moves the CIP to its next check; the recorder already stopped checking a settled CIP. */
  private void advance(String cip, Instant now) {
    Optional<CipPayment> current = store.find(cip);
    if (current.isEmpty() || current.get().nextCheckAt().isEmpty()) {
      return;
    }
    CipPayment c = current.get();
    Optional<Instant> next = isOpen(c.state())
        ? schedule.next(c.checkStep() + 1, c.createdAt().map(OffsetDateTime::toInstant), c.expiresAt().map(OffsetDateTime::toInstant), now)
        : Optional.empty();
    registry.reschedule(c, next, c.checkStep() + 1);
  }

  static boolean isOpen(PaymentState state) {
    return state == PaymentState.PENDING || state == PaymentState.UNKNOWN || state == PaymentState.EXPIRED;
  }

  /** The gateway fact behind a state: PENDING (and UNKNOWN) teach nothing new. */
  public static Optional<PaymentEvent> eventFor(PaymentState state) {
    switch (state) {
      case PAID: return Optional.of(PaymentEvent.PAID);
      case EXPIRED: return Optional.of(PaymentEvent.EXPIRED);
      case DELETED: return Optional.of(PaymentEvent.DELETED);
      case REFUNDED: return Optional.of(PaymentEvent.REFUNDED);
      default: return Optional.empty();
    }
  }

  /** When the fact happened at the gateway, for its business date. */
  private static Optional<Instant> factTime(GatewayCip g) {
    switch (g.state()) {
      case PAID: return g.paidAt().map(OffsetDateTime::toInstant);
      case EXPIRED: return g.expiresAt().map(OffsetDateTime::toInstant);
      case DELETED: return g.removedAt().map(OffsetDateTime::toInstant);
      default: return Optional.empty();
    }
  }
}
