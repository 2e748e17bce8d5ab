package io.pagorecon.core.gateway;

import java.util.List;
import java.util.Map;

/**
 * Port: asks PagoEfectivo for the status of known CIPs. There is no list-by-date endpoint, so
 * everything the system learns from the gateway comes through here.
 */
public interface CipStatusGateway {

  /**
   * Looks up any number of CIPs; the implementation batches them (at most 5 per call), bounds its
   * concurrency and rate, and retries what is safe to retry. Every requested CIP has an entry in the
   * result, keyed by CIP, in request order.
   */
  Map<String, CipLookup> search(List<String> cips);
}
