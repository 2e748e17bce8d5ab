package io.pagorecon.core.journal;

/** The client's hook: told of every call it makes to PagoEfectivo, retries included. */
@FunctionalInterface
public interface ApiCallJournal {

  /** Records nothing: for tests and tools that keep no journal. */
  ApiCallJournal NONE = call -> {};

  /** Must not throw: a journal problem never fails a payment call. */
  void record(ApiCall call);
}
