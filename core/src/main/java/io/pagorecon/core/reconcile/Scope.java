package io.pagorecon.core.reconcile;

import io.pagorecon.core.time.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run covers (Contract 2): one business date, judged as of the end of that date, or
 * everything, judged as of a given instant (the caller's clock: the core never reads one).
 */
public record Scope(Optional<LocalDate> date, Instant asOf) {

  public Scope {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(asOf, "asOf");
  }

  public static Scope businessDate(LocalDate date, BusinessCalendar calendar) {
    return new Scope(Optional.of(date), calendar.endOf(date));
  }

  public static Scope everything(Instant asOf) {
    return new Scope(Optional.empty(), asOf);
  }
}
