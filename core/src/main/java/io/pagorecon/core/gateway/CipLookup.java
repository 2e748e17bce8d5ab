package io.pagorecon.core.gateway;

/** The answer for one CIP of a search: per item, so one bad CIP never fails a whole sweep. */
public sealed interface CipLookup {

  String cip();

  /** PagoEfectivo knows the CIP. */
  record Found(GatewayCip gatewayCip) implements CipLookup {
    @Override
    public String cip() {
      return gatewayCip.cip();
    }
  }

  /** PagoEfectivo answered and does not know the CIP. */
  record NotFound(String cip) implements CipLookup {}

  /** No usable answer (timeouts, 5xx after retries): the item stays UNKNOWN for the next run. */
  record Failed(String cip, String reason) implements CipLookup {}
}
