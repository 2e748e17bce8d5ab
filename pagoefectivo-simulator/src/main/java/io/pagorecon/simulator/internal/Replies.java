package io.pagorecon.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Response bodies in PagoEfectivo's shapes (docs/pagoefectivo.md, "API: errors"), in es-PE or en-US. */
public final class Replies {

  /** One 112/113 item of a 111 wrapper. */
  public record FieldError(int code, String field) {}

  private static final Map<Integer, String[]> MESSAGES = Map.of(
      100, new String[] {"Solicitud exitosa.", "Successful request."},
      111, new String[] {"Solicitud con datos inválidos.", "Request with invalid data."},
      112, new String[] {"Requerido.", "Required."},
      113, new String[] {"Valor inválido.", "Invalid value."},
      166, new String[] {"Error interno del servidor.", "Internal server error."},
      508, new String[] {"Servicio asociado al token es inválido.", "The service associated with the token is invalid."},
      511, new String[] {"El monto del CIP supera el monto máximo permitido al comercio.", "The CIP amount exceeds the merchant's maximum amount."});

  private volatile boolean codeAsString;
  private volatile boolean errorDataAsObject;

  public Replies(boolean codeAsString, boolean errorDataAsObject) {
    this.codeAsString = codeAsString;
    this.errorDataAsObject = errorDataAsObject;
  }

  public void variants(boolean codeAsString, boolean errorDataAsObject) {
    this.codeAsString = codeAsString;
    this.errorDataAsObject = errorDataAsObject;
  }

  public static boolean english(String acceptLanguage) {
    return acceptLanguage != null && acceptLanguage.toLowerCase(java.util.Locale.ROOT).startsWith("en");
  }

  public static String message(int code, boolean english) {
    return MESSAGES.get(code)[english ? 1 : 0];
  }

  public ObjectNode envelope(int code, boolean english) {
    ObjectNode n = Wire.object();
    if (codeAsString) {
      n.put("code", Integer.toString(code));
    } else {
      n.put("code", code);
    }
    n.put("message", message(code, english));
    return n;
  }

  public ObjectNode success(JsonNode data, boolean english) {
    ObjectNode n = envelope(100, english);
    n.set("data", data);
    return n;
  }

  public ObjectNode validation(List<FieldError> errors, boolean english) {
    ObjectNode n = envelope(111, english);
    ArrayNode items = Wire.JSON.createArrayNode();
    for (FieldError e : errors) {
      ObjectNode item = items.addObject();
      if (codeAsString) {
        item.put("code", Integer.toString(e.code()));
      } else {
        item.put("code", e.code());
      }
      item.put("message", message(e.code(), english));
      item.put("field", e.field());
    }
    // One production plugin reads data as a single object: the switch shows the first item so.
    n.set("data", errorDataAsObject && !items.isEmpty() ? items.get(0) : items);
    return n;
  }
}
