package io.pagorecon.core.settlement;

import java.math.BigDecimal;

/**
 * Totals of one currency for the month-end close. {@code gross}, {@code fees}, {@code taxes} are
 * over settled rows in this currency; the payout figures over settlements paid out in it.
 *
 * @param netPaidOut Σ total net of the settlements paid out in this currency
 * @param received Σ credits that belong to a settlement
 * @param inTransit Σ total net of settlements without a credit whose payout due date has not passed
 * @param notReceived Σ total net of settlements with PAYOUT_NOT_RECEIVED
 * @param shortfall Σ (total net - received) of settlements with PAYOUT_SHORT
 * @param unexpectedCredits Σ credits that belong to no settlement
 * @param fxCost Σ FX cost against the reference (settlements with a reference rate)
 * @param disputed Σ total net of the settlements that carry at least one finding (on the
 *     settlement or on one of its rows)
 * @param notSettledCount CIPs PAID in the statement with SETTLEMENT_MISSING
 * @param notSettled Σ their statement amounts
 */
public record CurrencySettlementTotals(
    long settledRows,
    BigDecimal gross,
    BigDecimal fees,
    BigDecimal taxes,
    long settlements,
    BigDecimal netPaidOut,
    BigDecimal received,
    BigDecimal inTransit,
    BigDecimal notReceived,
    BigDecimal shortfall,
    long unexpectedCreditCount,
    BigDecimal unexpectedCredits,
    BigDecimal fxCost,
    BigDecimal disputed,
    long notSettledCount,
    BigDecimal notSettled) {}
