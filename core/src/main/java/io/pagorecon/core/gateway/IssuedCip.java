package io.pagorecon.core.gateway;

import io.pagorecon.core.money.Money;
import java.time.OffsetDateTime;

/** PagoEfectivo's answer to a created CIP. */
public record IssuedCip(String cip, Money amount, String transactionCode, OffsetDateTime dateExpiry, String cipUrl) {}
