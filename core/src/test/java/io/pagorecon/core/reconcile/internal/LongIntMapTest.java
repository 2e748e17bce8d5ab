package io.pagorecon.core.reconcile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

  @Test
  void shouldAgreeWithAHashMap_throughGrowthAndOverwrites() {
    SplittableRandom random = new SplittableRandom(7);
    LongIntMap map = new LongIntMap(4);
    Map<Long, Integer> reference = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      // CIP-like keys, many of them close together, some repeated
      long key = random.nextInt(4) == 0 ? random.nextLong(0, 99_999_999_999_999L) : 1_000_000 + random.nextInt(30_000);
      int value = random.nextInt(Integer.MAX_VALUE);
      Integer before = reference.put(key, value);
      assertThat(map.put(key, value)).isEqualTo(before == null ? -1 : before);
    }
    assertThat(map.size()).isEqualTo(reference.size());
    reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
    assertThat(map.get(99_999_999_999_999L + 1)).isEqualTo(-1);
    Map<Long, Integer> visited = new HashMap<>();
    map.forEach(visited::put);
    assertThat(visited).isEqualTo(reference);
  }

  @Test
  void shouldKeepZero_andRefuseTheReservedKey() {
    LongIntMap map = new LongIntMap(1);
    assertThat(map.get(0)).isEqualTo(-1);
    assertThat(map.put(0, 5)).isEqualTo(-1);
    assertThat(map.get(0)).isEqualTo(5);
    assertThatThrownBy(() -> map.put(Long.MIN_VALUE, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
