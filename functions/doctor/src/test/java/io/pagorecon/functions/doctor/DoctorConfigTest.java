package io.pagorecon.functions.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DoctorConfigTest {

  static final Set<String> GLOBALS = Set.of("S3_FORCE_PATH_STYLE", "JAVA_TOOL_OPTIONS", "BUSINESS_ZONE");

  @Test
  void everyVariableTheTemplateSets_shouldBeOneTheDoctorReads() {
    Set<String> set = StackTemplate.locate().functionEnvironment("DoctorFunction").keySet();

    assertThat(set).isNotEmpty();
    java.util.List<String> known = new java.util.ArrayList<>(DoctorTarget.KEYS);
    known.add(ScheduledDoctorHandler.ALERTS_TOPIC_ARN);
    known.addAll(PagoEfectivoSettings.KEYS);
    set.stream().filter(k -> !GLOBALS.contains(k)).forEach(k -> assertThat(known).as(k).contains(k));
  }

  @Test
  void statementDeadlineSchedule_shouldFireAtTheHourThePipelineCheckJudgesBy() {
    StackTemplate template = StackTemplate.locate();
    Map<String, Object> schedule = StackTemplate.map(StackTemplate.map(StackTemplate.map(
        template.resource("DoctorFunction").orElseThrow().properties().get("Events")).get("StatementDeadline")).get("Properties"));
    Map<String, String> env = template.functionEnvironment("DoctorFunction").entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));

    LocalTime deadline = DoctorTarget.statementDeadline(env);

    assertThat(schedule.get("ScheduleExpression")).isEqualTo("cron(0 " + deadline.getHour() + " * * ? *)");
    assertThat(schedule.get("ScheduleExpressionTimezone")).isEqualTo("America/Lima");
    assertThat(schedule.get("Input")).isEqualTo("{\"trigger\":\"" + ScheduledDoctorHandler.STATEMENT_DEADLINE_TRIGGER + "\"}");
  }

  @Test
  void statementDeadline_shouldDefaultToFour_andRefuseWhatIsNotAnHour() {
    assertThat(DoctorTarget.statementDeadline(Map.of())).isEqualTo(LocalTime.of(4, 0));
    assertThat(DoctorTarget.statementDeadline(Map.of(DoctorTarget.STATEMENT_DEADLINE, "6"))).isEqualTo(LocalTime.of(6, 0));
    assertThatThrownBy(() -> DoctorTarget.statementDeadline(Map.of(DoctorTarget.STATEMENT_DEADLINE, "24")))
        .hasMessageContaining(DoctorTarget.STATEMENT_DEADLINE);
    assertThatThrownBy(() -> DoctorTarget.statementDeadline(Map.of(DoctorTarget.STATEMENT_DEADLINE, "4am")))
        .hasMessageContaining(DoctorTarget.STATEMENT_DEADLINE);
  }
}
