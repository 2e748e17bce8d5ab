package io.pagorecon.functions.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.journal.JournalLines;
import io.pagorecon.core.statement.StatementCsv;
import io.pagorecon.devstack.StackTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Athena tables of template.yaml read exactly what the writers write: fails when either drifts. */
class HistoryTablesTest {

  private final StackTemplate template = StackTemplate.locate();

  @SuppressWarnings("unchecked")
  private Map<String, Object> tableInput(String logicalId) {
    return (Map<String, Object>) template.resource(logicalId).orElseThrow().properties().get("TableInput");
  }

  @SuppressWarnings("unchecked")
  private List<String> columns(String logicalId) {
    Map<String, Object> sd = (Map<String, Object>) tableInput(logicalId).get("StorageDescriptor");
    List<String> names = new ArrayList<>();
    for (Object c : (List<Object>) sd.get("Columns")) {
      names.add(String.valueOf(((Map<String, Object>) c).get("Name")));
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private String locationTemplate(String logicalId) {
    Map<String, Object> params = (Map<String, Object>) tableInput(logicalId).get("Parameters");
    return String.valueOf(params.get("storage.location.template"));
  }

  @Test
  void discrepanciesTable_shouldHaveTheReportsColumns_inOrder() {
    List<String> written = new ArrayList<>(Arrays.asList(DiscrepanciesCsvWriter.HEADER.split(",")));
    written.add("event_time");
    written.add("seller_time");

    assertThat(columns("DiscrepanciesTable")).containsExactlyElementsOf(written);
    assertThat(locationTemplate("DiscrepanciesTable")).contains("/reports/${Stage}/${!dt}/");
  }

  @Test
  void statementsTable_shouldHaveTheStatementColumns_inOrder() {
    assertThat(columns("StatementsTable")).containsExactlyElementsOf(StatementCsv.HEADER);
    assertThat(locationTemplate("StatementsTable")).contains("/statements/${Stage}/${!dt}/");
  }

  @Test
  void journalTable_shouldHaveTheJournalFields_asGlueLowerCasesThem() {
    assertThat(columns("JournalTable")).containsExactlyElementsOf(
        JournalLines.COLUMNS.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
    assertThat(locationTemplate("JournalTable")).contains("/journal/${Stage}/${!dt}/");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyTable_shouldProjectItsDailyPartitionsWithoutACrawler() {
    for (String t : List.of("DiscrepanciesTable", "StatementsTable", "JournalTable")) {
      Map<String, Object> params = (Map<String, Object>) tableInput(t).get("Parameters");
      assertThat(params).as(t).containsEntry("projection.enabled", "true").containsEntry("projection.dt.type", "date")
          .containsEntry("projection.dt.format", "yyyy/MM/dd");
    }
    assertThat(template.resourcesOfType("AWS::Glue::Crawler")).isEmpty();
    assertThat(template.resourcesOfType("AWS::Athena::NamedQuery")).hasSizeGreaterThanOrEqualTo(2);
  }
}
