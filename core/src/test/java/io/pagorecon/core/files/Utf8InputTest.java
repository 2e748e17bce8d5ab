package io.pagorecon.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Contract 2 files are UTF-8: a field whose bytes are not is refused with file, line and field. */
class Utf8InputTest {

  @Test
  void statement_shouldBeRefused_whenAFieldIsNotUtf8() {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n1001,".getBytes(StandardCharsets.UTF_8));
    csv.write(0xC3);
    csv.write(0x28);
    csv.writeBytes("ORD-1,22.05,PEN,PAID,2024-01-15T09:00:00-05:00,,2024-01-15T10:00:00-05:00,\n".getBytes(StandardCharsets.UTF_8));

    InputFileException e = assertThrows(InputFileException.class,
        () -> new StatementCsvReader(Runnable::run, 1).read("statement.csv", new ByteArrayInputStream(csv.toByteArray())));

    assertEquals("statement.csv:2: transaction_code: is not valid UTF-8", e.getMessage());
  }

  @Test
  void statement_shouldAcceptNonAsciiUtf8() throws Exception {
    String csv = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
        + "1001,PEDIDO-ÑANDÚ-收款,22.05,PEN,PAID,2024-01-15T09:00:00-05:00,,2024-01-15T10:00:00-05:00,\n";

    var rows = new StatementCsvReader(Runnable::run, 1).read("statement.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

    assertEquals("PEDIDO-ÑANDÚ-收款", rows.get(0).transactionCode());
  }
}
