package io.pagorecon.core.statement;

import java.util.List;

/**
 * Port: settlement files the merchant exported from PagoEfectivo's portal (S3 {@code
 * inbox/portal/} in production). Every file is offered on every run; the rows a statement
 * uses are chosen by their dates.
 */
public interface SettlementInbox {

  List<SettlementFile> files();

  /** One file as dropped: its name (its key) and its bytes (CSV, or XLSX by the name's extension). */
  record SettlementFile(String name, byte[] content) {}
}
