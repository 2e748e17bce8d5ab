package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Money;

/**
 * Totals of one currency over the items in scope.
 *
 * @param orders orders in scope (any status) and their amount
 * @param paidCips statement rows PAID at the gateway in scope and their amount
 * @param matched orders counted as MATCHED and their amount
 */
public record CurrencyTotals(long orders, Money orderAmount, long paidCips, Money paidAmount, long matched, Money matchedAmount) {}
