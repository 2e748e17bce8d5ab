package io.pagorecon.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One {@code /v1} request as received, and the status answered (0 when none was sent). */
public record ApiCall(Instant at, String method, String path, Map<String, List<String>> headers, String body, int status) {

  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
