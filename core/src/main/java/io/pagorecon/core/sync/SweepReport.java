package io.pagorecon.core.sync;

import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.payment.PaymentState;
import java.util.List;
import java.util.Optional;

/** What one sync sweep did: counted, logged as one line, returned by the function. */
public record SweepReport(int checked, List<Recovered> recovered, int unchanged, int notFound, List<ItemFailure> failures) {

  /** A state the gateway showed that no webhook had reported. */
  public record Recovered(String cip, Optional<String> orderId, PaymentState from, PaymentState to, GatewayCip gatewayCip) {}

  /** A CIP that could not be checked this time; it stays due. */
  public record ItemFailure(String cip, String reason) {}
}
