package io.pagorecon.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.Stage;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

  private final Environment env = new Environment(Map.of(
      "STAGE", "production", "TTL", " 300 ", "BLANK", "  ", "ZONE", "Asia/Shanghai", "BAD_ZONE", "Mars/Base",
      "FLAG", "TRUE", "WORD", "soon"));

  @Test
  void readsTrimmedValuesAndTreatsBlankAsUnset() {
    assertEquals(Optional.of("300"), env.optional("TTL"));
    assertEquals(Optional.empty(), env.optional("BLANK"));
    assertEquals(300, env.number("TTL", 5, 0, 86_400));
    assertEquals(5, env.number("MISSING", 5, 0, 10));
    assertEquals(Stage.PRODUCTION, env.stage("STAGE"));
    assertEquals(ZoneId.of("Asia/Shanghai"), env.zone("ZONE", "America/Lima"));
    assertEquals(ZoneId.of("America/Lima"), env.zone("MISSING", "America/Lima"));
    assertEquals(Optional.empty(), env.optionalZone("MISSING"));
    assertTrue(env.flag("FLAG", false));
  }

  @Test
  void everyFailureNamesTheVariable() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> env.required("BLANK")).getMessage().startsWith("BLANK "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> env.number("WORD", 1, 0, 9)).getMessage().startsWith("WORD "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> env.number("TTL", 1, 0, 9)).getMessage().startsWith("TTL "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> env.stage("WORD")).getMessage().startsWith("WORD "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> env.zone("BAD_ZONE", "UTC")).getMessage().startsWith("BAD_ZONE "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> env.flag("WORD", false)).getMessage().startsWith("WORD "));
  }
}
