package io.pagorecon.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagorecon.core.files.ReconcileFiles.Source;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.settlement.BankCredit;
import io.pagorecon.core.settlement.SettlementConfig;
import io.pagorecon.core.settlement.SettlementResult;
import io.pagorecon.core.settlement.SettlementRow;
import io.pagorecon.core.settlement.Settler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

class SettleFilesTest {

  static final String STATEMENT = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
      + "1001,ORD-1,100.00,PEN,PAID,2024-01-15T09:00:00-05:00,,2024-01-15T10:00:00-05:00,\n";
  static final String SETTLEMENTS = "settlement_id,settled_on,cip,transaction_code,gross_amount,currency,fee,fee_tax,net_amount,payout_currency,fx_rate\n"
      + "LQ-1,2024-01-16,1001,ORD-1,100.00,PEN,4.00,0.72,95.28,PEN,\n";
  static final String FEES = "currency,percent,fixed,tax_percent,minimum\nPEN,3.5,0.50,18,1.00\nUSD,4,0,18,0.30\n";

  private final SettlementFileReaders readers = new SettlementFileReaders(Runnable::run, 1);

  private static Source src(String name, String text) {
    return src(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Source src(String name, byte[] bytes) {
    return new Source(name, () -> new ByteArrayInputStream(bytes));
  }

  private static SettlementResult settle(String settlements, String bank, ColumnMapping bankMapping) throws Exception {
    SettleFiles files = new SettleFiles(new Settler(SettlementConfig.defaults()), SettlementFileReaders.settlementsCanonical(), bankMapping, Runnable::run, 1);
    return files.run(new SettleFiles.Inputs(src("statement.csv", STATEMENT), src("settlements.csv", settlements), src("bank.csv", bank), src("fees.csv", FEES), Optional.empty()),
        LocalDate.of(2024, 2, 1));
  }

  @Test
  void settle_shouldReadCanonicalFiles_andFindNothing_whenConsistent() throws Exception {
    SettlementResult r = settle(SETTLEMENTS, "booked_on,amount,currency,reference\n2024-01-17,95.28,PEN,PAGOEFECTIVO LQ-1\n",
        SettlementFileReaders.bankPreset("canonical").get());
    assertEquals(List.of(), r.findings());
  }

  @Test
  void bcpPreset_shouldReadTheBankExport_skippingDebits_andThousandsSeparators() throws Exception {
    String bcp = "Fecha,Fecha valuta,Descripción operación,Monto,Saldo,Sucursal - agencia,Operación - Número,Operación - Hora,Usuario,UTC,Referencia2\n"
        + "17/01/2024,17/01/2024,TRAN.CTAS.TERC.BM,\"1,295.28\",\"5,000.00\",111 - Principal,00123456,10:15:02,SR,0001,\n"
        + "17/01/2024,17/01/2024,COMISION MANTENIMIENTO,-12.00,\"3,704.72\",111 - Principal,00123457,10:16:00,SR,0001,\n";
    List<BankCredit> credits = readers.bank("movimientos.csv", new ByteArrayInputStream(bcp.getBytes(StandardCharsets.UTF_8)), SettlementFileReaders.bankPreset("bcp-pen").get());
    assertEquals(List.of(new BankCredit(LocalDate.of(2024, 1, 17), 129528, Currency.PEN, "TRAN.CTAS.TERC.BM", 2)), credits);
  }

  @Test
  void propertiesMapping_shouldRenameColumns_andTakeConstants() throws Exception {
    Properties p = new Properties();
    p.setProperty("column.booked_on", "Date");
    p.setProperty("column.amount", "Credit");
    p.setProperty("column.reference", "Memo");
    p.setProperty("value.currency", "USD");
    p.setProperty("date_format", "MM/dd/yyyy");
    ColumnMapping m = ColumnMapping.fromProperties("my-bank", p, SettlementFileReaders.BANK_FIELDS);
    List<BankCredit> credits = readers.bank("bank.csv", new ByteArrayInputStream("Memo,Date,Credit\nWIRE LQ-9,01/18/2024,10.5\n".getBytes(StandardCharsets.UTF_8)), m);
    assertEquals(List.of(new BankCredit(LocalDate.of(2024, 1, 18), 1050, Currency.USD, "WIRE LQ-9", 2)), credits);
    Properties bad = new Properties();
    bad.setProperty("column.amonut", "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnMapping.fromProperties("bad", bad, SettlementFileReaders.BANK_FIELDS));
    assertEquals("column.amonut: unknown field (fields: booked_on, amount, currency, reference)", e.getMessage());
  }

  @Test
  void settlementsXlsx_shouldBeReadThroughTheSameMapping() throws Exception {
    ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
    Workbook wb = new Workbook(xlsx, "test", "1.0");
    Worksheet ws = wb.newWorksheet("Liquidacion");
    String[] header = {"Liquidación", "Fecha", "CIP", "Monto", "Moneda", "Comisión", "IGV", "Neto", "Moneda abono", "Tipo de cambio"};
    for (int c = 0; c < header.length; c++) {
      ws.value(0, c, header[c]);
    }
    ws.value(1, 0, "LQ-1");
    ws.value(1, 1, LocalDate.of(2024, 1, 16));
    ws.style(1, 1).format("yyyy-mm-dd").set();
    ws.value(1, 2, "1001");
    ws.value(1, 3, new BigDecimal("100.00"));
    ws.value(1, 4, "PEN");
    ws.value(1, 5, new BigDecimal("4"));
    ws.value(1, 6, new BigDecimal("0.72"));
    ws.value(1, 7, new BigDecimal("25.73"));
    ws.value(1, 8, "USD");
    ws.value(1, 9, new BigDecimal("0.27"));
    wb.finish();
    Properties p = new Properties();
    String[][] columns = {{"settlement_id", "Liquidación"}, {"settled_on", "Fecha"}, {"cip", "CIP"}, {"gross_amount", "Monto"}, {"currency", "Moneda"},
        {"fee", "Comisión"}, {"fee_tax", "IGV"}, {"net_amount", "Neto"}, {"payout_currency", "Moneda abono"}, {"fx_rate", "Tipo de cambio"}};
    for (String[] c : columns) {
      p.setProperty("column." + c[0], c[1]);
    }
    ColumnMapping m = ColumnMapping.fromProperties("portal", p, SettlementFileReaders.SETTLEMENT_FIELDS);
    List<SettlementRow> rows = readers.settlements("liquidacion.xlsx", new ByteArrayInputStream(xlsx.toByteArray()), m);
    assertEquals(1, rows.size());
    SettlementRow r = rows.get(0);
    assertEquals(LocalDate.of(2024, 1, 16), r.settledOn());
    assertEquals(10000, r.grossMinor());
    assertEquals(400, r.feeMinor());
    assertEquals(2573, r.netMinor());
    assertEquals(Currency.USD, r.payoutCurrency());
    assertEquals(0, new BigDecimal("0.27").compareTo(r.fxRate()));
    assertEquals("", r.transactionCode());
  }

  @Test
  void badInput_shouldNameFileLineAndField() throws Exception {
    ColumnMapping bank = SettlementFileReaders.bankPreset("canonical").get();
    String good = "booked_on,amount,currency,reference\n2024-01-17,95.28,PEN,LQ-1\n";
    assertEquals("settlements.csv:2: gross_amount: \"12,50\" is not a decimal amount in currency units",
        assertThrows(InputFileException.class, () -> settle(SETTLEMENTS.replace("100.00,PEN", "\"12,50\",PEN"), good, bank)).getMessage());
    assertEquals("settlements.csv:2: fx_rate: required when payout_currency (USD) differs from currency (PEN)",
        assertThrows(InputFileException.class, () -> settle(SETTLEMENTS.replace("95.28,PEN,", "95.28,USD,"), good, bank)).getMessage());
    assertEquals("bank.csv:2: booked_on: \"17/01/2024\" is not a date (YYYY-MM-DD)",
        assertThrows(InputFileException.class, () -> settle(SETTLEMENTS, good.replace("2024-01-17", "17/01/2024"), bank)).getMessage());
    assertEquals("bank.csv:2: amount: \"-3.00\" is not a positive amount",
        assertThrows(InputFileException.class, () -> settle(SETTLEMENTS, good.replace("95.28", "-3.00"), bank)).getMessage());
    assertEquals("settlements.csv:3: settled_on: settlement LQ-1 is settled on 2024-01-16 at line 2 and on 2024-01-17 here",
        assertThrows(InputFileException.class, () -> settle(SETTLEMENTS + "LQ-1,2024-01-17,1002,ORD-2,10.00,PEN,1.00,0.18,8.82,PEN,\n", good, bank)).getMessage());
    assertEquals("settlements.csv:1: gross_amount: missing column (the header is settlement_id,settled_on,cip)",
        assertThrows(InputFileException.class, () -> settle("settlement_id,settled_on,cip\nLQ-1,2024-01-16,1001\n", good, bank)).getMessage());
  }

  @Test
  void holidays_shouldReadOneDateALine_withAHeaderCommentsAndNames() throws Exception {
    String text = "date,name\n2024-01-01,Año Nuevo\n\n# extra\n2024-07-29\n";
    assertEquals(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 7, 29)),
        SettlementFileReaders.holidays("holidays.txt", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    assertEquals("holidays.txt:3: date: \"29/07/2024\" is not a date (YYYY-MM-DD)",
        assertThrows(InputFileException.class, () -> SettlementFileReaders.holidays("holidays.txt",
            new ByteArrayInputStream("2024-01-01\n\n29/07/2024\n".getBytes(StandardCharsets.UTF_8)))).getMessage());
  }
}
