package io.pagorecon.pagoefectivo.internal;

import io.pagorecon.core.gateway.CipRequest;
import io.pagorecon.core.gateway.GatewayException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a CIP request against the documented limits (docs/pagoefectivo.md, "API: creating a CIP") before it is sent,
 * reporting items in PagoEfectivo's own terms: 112 required, 113 invalid, wrapped as 111.
 */
public final class CipRequestValidator {

  private static final Set<String> DOCUMENT_TYPES = Set.of("DNI", "PAR", "PAS", "LMI", "NAN", "CE");

  private CipRequestValidator() {}

  public static void validate(CipRequest r, Instant now) {
    List<GatewayException.FieldError> errors = new ArrayList<>();
    required(errors, "transactionCode", r.transactionCode(), 36);
    if (r.amount().amount().signum() <= 0) {
      errors.add(invalid("amount"));
    }
    required(errors, "userEmail", r.userEmail(), 100);
    if (!r.userEmail().isBlank() && !r.userEmail().contains("@")) {
      errors.add(invalid("userEmail"));
    }
    r.dateExpiry().filter(d -> !d.toInstant().isAfter(now)).ifPresent(d -> errors.add(invalid("dateExpiry")));
    optional(errors, "paymentConcept", r.paymentConcept(), 50);
    optional(errors, "additionalData", r.additionalData(), 200);
    optional(errors, "adminEmail", r.adminEmail(), 100);
    optional(errors, "userId", r.userId(), 100);
    optional(errors, "userName", r.userName(), 30);
    optional(errors, "userLastName", r.userLastName(), 30);
    r.userDocumentType().filter(t -> !DOCUMENT_TYPES.contains(t)).ifPresent(t -> errors.add(invalid("userDocumentType")));
    optional(errors, "userDocumentNumber", r.userDocumentNumber(), 14);
    r.userPhone().filter(p -> !p.matches("^[0-9]{1,15}$")).ifPresent(p -> errors.add(invalid("userPhone")));
    optional(errors, "userCodeCountry", r.userCodeCountry(), 5);
    r.userUbigeo().filter(u -> !u.matches("^[0-9]{6}$")).ifPresent(u -> errors.add(invalid("userUbigeo")));
    optional(errors, "userCountry", r.userCountry(), 20);
    if (!errors.isEmpty()) {
      throw new GatewayException(GatewayException.Kind.VALIDATION, "111", 0, errors,
          "CIP request refused before sending: " + errors.stream().map(e -> e.code() + ":" + e.field()).toList(), null);
    }
  }

  private static GatewayException.FieldError invalid(String field) {
    return new GatewayException.FieldError(field, "113", "Valor inválido.");
  }

  private static void required(List<GatewayException.FieldError> errors, String field, String value, int max) {
    if (value.isBlank()) {
      errors.add(new GatewayException.FieldError(field, "112", "Requerido."));
    } else if (value.length() > max) {
      errors.add(invalid(field));
    }
  }

  private static void optional(List<GatewayException.FieldError> errors, String field, Optional<String> value, int max) {
    value.filter(v -> v.isEmpty() || v.length() > max).ifPresent(v -> errors.add(invalid(field)));
  }
}
