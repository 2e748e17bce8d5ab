package io.pagorecon.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  private static Discrepancy found(Category c, String order, String cip) {
    return new Discrepancy(c, Optional.empty(), order, cip, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), "", Optional.empty());
  }

  @Test
  void compare_shouldBeEqual_whenEveryExpectedRowIsFoundOnce() throws IOException {
    Set<GroundTruth.Row> truth = GroundTruth.read(new StringReader(
        "category,order_id,cip\nDUPLICATE_PAYMENT,ORD-1,102\nLATE_WEBHOOK,ORD-2,200\n"));

    GroundTruth.Comparison c = GroundTruth.compare(truth, List.of(
        found(Category.DUPLICATE_PAYMENT, "ORD-1", "101;102"), found(Category.LATE_WEBHOOK, "ORD-2", "200")));

    assertThat(c.equal()).isTrue();
    assertThat(c.expected()).isEqualTo(2);
    assertThat(c.found()).isEqualTo(2);
  }

  @Test
  void compare_shouldListMissingAndUnexpected_whenTheyDiffer() throws IOException {
    Set<GroundTruth.Row> truth = GroundTruth.read(new StringReader("category,order_id,cip\nPAID_NOT_RECORDED,ORD-1,101\n"));

    GroundTruth.Comparison c = GroundTruth.compare(truth, List.of(
        found(Category.MISSING_WEBHOOK, "ORD-1", "101"), found(Category.PAID_NOT_RECORDED, "ORD-1", "101"),
        found(Category.PAID_NOT_RECORDED, "ORD-1", "101")));

    assertThat(c.equal()).isFalse();
    assertThat(c.missing()).isEmpty();
    assertThat(c.unexpected()).extracting(Object::toString)
        .containsExactly("MISSING_WEBHOOK,ORD-1,101", "PAID_NOT_RECORDED,ORD-1,101");
  }

  @Test
  void read_shouldRefuseAFileWithoutTheHeader() {
    assertThatThrownBy(() -> GroundTruth.read(new StringReader("PAID_NOT_RECORDED,ORD-1,101\n")))
        .isInstanceOf(IOException.class).hasMessageContaining("category,order_id,cip");
  }
}
