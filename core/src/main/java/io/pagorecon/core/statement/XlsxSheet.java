package io.pagorecon.core.statement;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/** Reads the first sheet of an .xlsx file as named cells: the first row is the header. */
public final class XlsxSheet {

  private XlsxSheet() {}

  /**
   * @throws IllegalArgumentException when the bytes are not a readable .xlsx workbook
   */
  public static List<Map<String, String>> rows(byte[] content) {
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content), new ReadingOptions(true, false));
        Stream<Row> rows = workbook.getFirstSheet().openStream()) {
      List<String> header = new ArrayList<>();
      List<Map<String, String>> out = new ArrayList<>();
      for (Row row : (Iterable<Row>) rows::iterator) {
        if (header.isEmpty()) {
          for (int i = 0; i < row.getCellCount(); i++) {
            header.add(text(row.getCell(i)));
          }
          continue;
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          cells.put(header.get(i), i < row.getCellCount() ? text(row.getCell(i)) : "");
        }
        if (cells.values().stream().anyMatch(v -> !v.isBlank())) {
          out.add(cells);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a readable .xlsx workbook", e);
    }
  }

  /** Dates formatted as dates become ISO local date-times; numbers keep their exact raw digits. */
  private static String text(Cell cell) {
    if (cell == null || cell.getType() == CellType.EMPTY) {
      return "";
    }
    if (cell.getType() == CellType.NUMBER) {
      String format = cell.getDataFormatString();
      if (format != null && (format.contains("yy") || format.contains("dd") || format.contains("hh"))) {
        return cell.asDate().toString();
      }
      return cell.getRawValue();
    }
    String s = cell.getText();
    return s == null ? "" : s;
  }
}
