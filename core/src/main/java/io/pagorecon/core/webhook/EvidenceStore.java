package io.pagorecon.core.webhook;

import java.util.Map;

/** Port: where raw notification bodies are kept for disputes (the data bucket in production). */
public interface EvidenceStore {

  /**
   * Stores {@code body} byte for byte under {@code key}, with {@code metadata} (ASCII keys and
   * values). Keys are deterministic, so storing the same notification again overwrites the same
   * object with the same bytes.
   *
   * @throws io.pagorecon.core.payment.StorageException when the store cannot be reached
   */
  void put(String key, byte[] body, Map<String, String> metadata);
}
