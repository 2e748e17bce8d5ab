package io.pagorecon.cli.doctor;

import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the doctor examines, already resolved (from flags and the environment, or from a stack):
 * the PagoEfectivo API base, the webhook endpoint, the credentials, the daily limit, and the stack's
 * resources when there is one. Commands that resolve a stack differently only build this.
 */
public record DoctorTarget(
    URI pagoEfectivoBase,
    Optional<URI> webhookUrl,
    PagoEfectivoCredentials credentials,
    Optional<BigDecimal> dailyLimit,
    Optional<StackChecks.Stack> stack) {

  public DoctorTarget {
    Objects.requireNonNull(pagoEfectivoBase, "pagoEfectivoBase");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(dailyLimit, "dailyLimit");
    Objects.requireNonNull(stack, "stack");
    if (!pagoEfectivoBase.toString().endsWith("/")) {
      pagoEfectivoBase = URI.create(pagoEfectivoBase + "/");
    }
  }
}
