package io.pagorecon.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.time.BusinessCalendar;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationJournalTest {

  /** 2024-01-16T03:00Z is still 2024-01-15 in Lima. */
  static final Instant LATE_LIMA_EVENING = Instant.parse("2024-01-16T03:00:00Z");

  private final Map<String, byte[]> objects = new LinkedHashMap<>();
  private boolean storeDown;
  private final JournalStore store = (key, lines) -> {
    if (storeDown) {
      throw new StorageException("down", null);
    }
    objects.put(key, lines);
  };

  static ApiCall call(Instant at, String operation, String requestId) {
    return new ApiCall(at, operation, "POST", "https://pre1a.services.pagoefectivo.pe/v1/cips/search", 200, 42, requestId,
        Map.of("x-correlation-id", "corr-" + requestId), List.of("1000001"), List.of("ORD-1"),
        Optional.of("{\"data\":[{\"cip\":1000001}]}"), Optional.of("{\"code\":100}"), Optional.empty());
  }

  @Test
  void flush_shouldWriteOneObjectPerInvocation_underTheLimaDateOfItsFirstCall() {
    InvocationJournal journal = new InvocationJournal(store, Stage.PRODUCTION, BusinessCalendar.lima());
    journal.record(call(LATE_LIMA_EVENING, "authorize", "r1"));
    journal.record(call(LATE_LIMA_EVENING.plusSeconds(1), "search", "r2"));

    Optional<String> key = journal.flush("inv-1");

    assertThat(key).contains("journal/production/2024/01/15/030000000Z-inv-1.jsonl");
    assertThat(objects).hasSize(1);
    List<JournalLines.Line> lines = JournalLines.read(objects.get(key.get()));
    assertThat(lines).extracting(l -> l.call().requestId()).containsExactly("r1", "r2");
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.invocationId()).isEqualTo("inv-1");
      assertThat(l.stage()).isEqualTo("production");
    });
    assertThat(journal.pending()).isZero();
    assertThat(journal.flush("inv-2")).isEmpty();
    assertThat(objects).hasSize(1);
  }

  @Test
  void flush_shouldKeepTheCalls_whenTheStoreFails_andWriteThemWithTheNextFlush() {
    InvocationJournal journal = new InvocationJournal(store, Stage.SANDBOX, BusinessCalendar.lima());
    journal.record(call(LATE_LIMA_EVENING, "create", "r1"));
    storeDown = true;

    assertThatThrownBy(() -> journal.flush("inv-1")).isInstanceOf(StorageException.class);
    assertThat(journal.flushQuietly("inv-1")).isPresent();
    assertThat(journal.pending()).isEqualTo(1);

    storeDown = false;
    journal.record(call(LATE_LIMA_EVENING.plusSeconds(5), "search", "r2"));
    assertThat(journal.flushQuietly("inv-2")).isEmpty();

    byte[] only = objects.values().iterator().next();
    assertThat(JournalLines.read(only)).extracting(l -> l.call().requestId()).containsExactly("r1", "r2");
  }

  @Test
  void lines_shouldRoundTrip_everyField_andNameExactlyTheDeclaredColumns() {
    ApiCall lost = new ApiCall(LATE_LIMA_EVENING, "create", "POST", "https://x/v1/cips", 0, 10000, "r9", Map.of(), List.of(),
        List.of("ORD-\"9\""), Optional.of("{\"amount\":10.00}"), Optional.empty(), Optional.of("timed out"));
    byte[] bytes = JournalLines.write("inv", "sandbox", List.of(call(LATE_LIMA_EVENING, "search", "r1"), lost));

    List<JournalLines.Line> back = JournalLines.read(bytes);

    assertThat(back).extracting(JournalLines.Line::call).containsExactly(call(LATE_LIMA_EVENING, "search", "r1"), lost);
    String first = new String(bytes, StandardCharsets.UTF_8).split("\n")[0];
    List<String> fields = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[{,]\"([A-Za-z]+)\":").matcher(first.replaceAll("\"gatewayIds\":\\{[^}]*}", "\"gatewayIds\":0"));
    while (m.find()) {
      fields.add(m.group(1));
    }
    assertThat(fields).containsExactlyElementsOf(JournalLines.COLUMNS);
  }

  @Test
  void read_shouldNameTheLine_whenOneIsNotAJournalEntry() {
    byte[] bytes = (new String(JournalLines.write("inv", "sandbox", List.of(call(LATE_LIMA_EVENING, "search", "r1"))),
        StandardCharsets.UTF_8) + "{\"at\":\"yesterday\"}\n").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JournalLines.read(bytes)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
  }
}
