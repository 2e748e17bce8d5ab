package io.pagorecon.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {

  private static final Instant CREATED = Instant.parse("2024-01-15T15:00:00Z");
  private static final Instant EXPIRES = CREATED.plus(Duration.ofDays(3));
  private final CheckSchedule schedule = CheckSchedule.standard();

  @Test
  void next_shouldFollowTenMinutesOneHourSixHoursThenDaily_whenChecksRunOnTime() {
    assertEquals(Optional.of(CREATED.plus(Duration.ofMinutes(10))), next(0, CREATED));
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(1))), next(1, CREATED.plus(Duration.ofMinutes(10))));
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(6))), next(2, CREATED.plus(Duration.ofHours(1))));
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(30))), next(3, CREATED.plus(Duration.ofHours(6))));
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(54))), next(4, CREATED.plus(Duration.ofHours(30))));
  }

  @Test
  void next_shouldCheckOnceMoreAtExpiryPlusGraceThenStop_whenPastExpiry() {
    Instant afterDay3 = CREATED.plus(Duration.ofHours(78));
    assertEquals(Optional.of(EXPIRES.plus(Duration.ofDays(1))), next(6, afterDay3));
    assertEquals(Optional.empty(), next(7, EXPIRES.plus(Duration.ofDays(1))));
  }

  @Test
  void next_shouldKeepMinimumGap_whenSweepRunsLate() {
    Instant late = CREATED.plus(Duration.ofHours(5));
    assertEquals(Optional.of(late.plus(Duration.ofMinutes(5))), next(1, late));
  }

  @Test
  void next_shouldCountFromNow_whenCreationUnknown() {
    Instant now = CREATED;
    assertEquals(Optional.of(now.plus(Duration.ofMinutes(50))), schedule.next(1, Optional.empty(), Optional.of(EXPIRES), now));
  }

  @Test
  void parseOffsets_shouldRejectDecreasingOrMalformed() {
    assertEquals(Duration.ofHours(6), CheckSchedule.parseOffsets("5m, 2h,6h", Duration.ofDays(1), Duration.ofDays(1)).offset(2));
    assertThrows(IllegalArgumentException.class, () -> CheckSchedule.parseOffsets("1h,10m", Duration.ofDays(1), Duration.ofDays(1)));
    assertThrows(IllegalArgumentException.class, () -> CheckSchedule.parseOffsets("10x", Duration.ofDays(1), Duration.ofDays(1)));
  }

  private Optional<Instant> next(int checksDone, Instant now) {
    return schedule.next(checksDone, Optional.of(CREATED), Optional.of(EXPIRES), now);
  }
}
