package io.pagorecon.pagoefectivo.internal;

import io.pagorecon.core.payment.PaymentState;
import java.util.Locale;

/**
 * The one place where PagoEfectivo's CIP status becomes our state (docs/pagoefectivo.md, "API: CIP states"). 23
 * "Cancelado" means PAID, never cancelled. Anything unmapped is UNKNOWN and logged with its name.
 */
public final class StatusMapping {

  private static final System.Logger LOG = System.getLogger(StatusMapping.class.getName());

  private final int reversalCode;
  private final String reversalName;

  public StatusMapping(int reversalCode, String reversalName) {
    this.reversalCode = reversalCode;
    this.reversalName = reversalName.toLowerCase(Locale.ROOT);
  }

  public PaymentState map(int status, String statusName, String cip) {
    switch (status) {
      case 22:
        return PaymentState.PENDING;
      case 23:
        return PaymentState.PAID;
      case 21:
        return PaymentState.EXPIRED;
      case 25:
        return PaymentState.DELETED;
      default:
        if (status == reversalCode || (statusName != null && statusName.trim().toLowerCase(Locale.ROOT).equals(reversalName))) {
          return PaymentState.REFUNDED;
        }
        LOG.log(System.Logger.Level.WARNING, "unmapped PagoEfectivo status {0} ({1}) for CIP {2}: UNKNOWN",
            status, statusName, cip);
        return PaymentState.UNKNOWN;
    }
  }
}
