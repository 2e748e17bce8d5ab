package io.pagorecon.core.webhook;

import io.pagorecon.core.money.Money;
import java.util.Optional;

/**
 * Told when a notification that verifies only with the sandbox key reaches production (test data
 * leaking into the books): the live assurance alerts it once per CIP. What it is given is what the
 * unverified body claims, for the alert only.
 */
@FunctionalInterface
public interface SandboxAlarm {

  SandboxAlarm NONE = (cip, transactionCode, amount) -> { };

  void sandboxSigned(String cip, Optional<String> transactionCode, Optional<Money> amount);
}
