package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A published reference rate: {@code rate} units of {@code to} per unit of {@code from}. */
public record ReferenceRate(LocalDate date, Currency from, Currency to, BigDecimal rate, String source, int line) {

  public ReferenceRate {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(source, "source");
    if (rate.signum() <= 0) {
      throw new IllegalArgumentException("a rate is positive");
    }
  }
}
