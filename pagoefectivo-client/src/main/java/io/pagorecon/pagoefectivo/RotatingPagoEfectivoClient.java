package io.pagorecon.pagoefectivo;

import io.pagorecon.core.gateway.CipIssuer;
import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.CipRequest;
import io.pagorecon.core.gateway.CipStatusGateway;
import io.pagorecon.core.gateway.IssuedCip;
import io.pagorecon.core.journal.ApiCallJournal;
import io.pagorecon.core.secrets.SecretSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link PagoEfectivoClient} built on first use from credentials read at that moment (never
 * during a SnapStart snapshot), and rebuilt when the credentials change (a secret rotation seen
 * through a TTL cache), so a rotation lands without a redeploy.
 */
public final class RotatingPagoEfectivoClient implements CipStatusGateway, CipIssuer, AutoCloseable {

  private final PagoEfectivoSettings settings;
  private final Supplier<PagoEfectivoCredentials> credentials;
  private final Clock clock;
  private final ApiCallJournal journal;
  private PagoEfectivoCredentials current;
  private PagoEfectivoClient client;

  public RotatingPagoEfectivoClient(PagoEfectivoSettings settings, Supplier<PagoEfectivoCredentials> credentials, Clock clock) {
    this(settings, credentials, clock, ApiCallJournal.NONE);
  }

  /** Every call of every client it builds is told to {@code journal}. */
  public RotatingPagoEfectivoClient(PagoEfectivoSettings settings, Supplier<PagoEfectivoCredentials> credentials, Clock clock,
      ApiCallJournal journal) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /** Credentials read from the PagoEfectivo secret each time (pass a TTL cache as {@code secrets}). */
  public static RotatingPagoEfectivoClient fromSecret(PagoEfectivoSettings settings, SecretSource secrets, String secretId, Clock clock) {
    return fromSecret(settings, secrets, secretId, clock, ApiCallJournal.NONE);
  }

  /** As {@link #fromSecret(PagoEfectivoSettings, SecretSource, String, Clock)}, journaling every call. */
  public static RotatingPagoEfectivoClient fromSecret(PagoEfectivoSettings settings, SecretSource secrets, String secretId, Clock clock,
      ApiCallJournal journal) {
    return new RotatingPagoEfectivoClient(settings, () -> PagoEfectivoCredentials.fromSecret(secrets.fields(secretId)), clock, journal);
  }

  private synchronized PagoEfectivoClient client() {
    PagoEfectivoCredentials now = credentials.get();
    if (client == null || !now.equals(current)) {
      if (client != null) {
        client.close();
      }
      client = new PagoEfectivoClient(settings.toConfig(now), clock, journal);
      current = now;
    }
    return client;
  }

  @Override
  public Map<String, CipLookup> search(List<String> cips) {
    return client().search(cips);
  }

  @Override
  public IssuedCip create(CipRequest request) {
    return client().create(request);
  }

  @Override
  public void changeExpiry(String cip, OffsetDateTime newExpiry) {
    client().changeExpiry(cip, newExpiry);
  }

  @Override
  public void delete(String cip) {
    client().delete(cip);
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
