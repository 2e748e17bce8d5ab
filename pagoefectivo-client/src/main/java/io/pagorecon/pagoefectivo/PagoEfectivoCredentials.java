package io.pagorecon.pagoefectivo;

import io.pagorecon.core.secrets.SecretFields;
import java.util.Objects;

/**
 * The merchant's credentials, supplied by the caller (from Secrets Manager, never flags). {@link
 * #toString()} never shows them, so a logged config cannot leak them.
 */
public record PagoEfectivoCredentials(String accessKey, String secretKey, String idService) {

  public PagoEfectivoCredentials {
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(idService, "idService");
    if (accessKey.isBlank() || secretKey.isBlank() || idService.isBlank()) {
      throw new IllegalArgumentException("PagoEfectivo credentials must not be blank");
    }
  }

  /** From the PagoEfectivo secret's fields (docs/data-model.md "Secrets"). */
  public static PagoEfectivoCredentials fromSecret(SecretFields fields) {
    return new PagoEfectivoCredentials(fields.require("accessKey"), fields.require("secretKey"), fields.require("idService"));
  }

  @Override
  public String toString() {
    return "PagoEfectivoCredentials[idService=" + idService + ", accessKey=***, secretKey=***]";
  }
}
