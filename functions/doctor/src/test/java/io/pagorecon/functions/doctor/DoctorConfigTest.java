package io.pagorecon.functions.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
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
}
