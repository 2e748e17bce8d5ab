package io.pagorecon.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The one place where instants become business dates. The business day is the calendar day in
 * America/Lima (UTC-5, no DST) unless configured otherwise; Lambda runs in UTC, so the default
 * time zone is never used.
 */
public record BusinessCalendar(ZoneId zone) {

  public static final ZoneId LIMA = ZoneId.of("America/Lima");

  public BusinessCalendar {
    Objects.requireNonNull(zone, "zone");
  }

  public static BusinessCalendar lima() {
    return new BusinessCalendar(LIMA);
  }

  public LocalDate businessDate(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  /** First instant of the business date. */
  public Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  /** First instant after the business date: rules judged "as of the end of the date" use this. */
  public Instant endOf(LocalDate date) {
    return date.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
