package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import java.time.LocalDate;
import java.util.Objects;

/** One credit on the seller's bank statement; {@code reference} is empty when the bank gave none. */
public record BankCredit(LocalDate bookedOn, long amountMinor, Currency currency, String reference, int line) {

  public BankCredit {
    Objects.requireNonNull(bookedOn, "bookedOn");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(reference, "reference");
  }
}
