package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchLinesTest {

  @Test
  void line_shouldCarryTheExactBytesAndMetadata_throughQuotesControlCharactersAndNonAscii() throws IOException {
    byte[] body = "{\"data\":{\"cip\":\"1001\",\"name\":\"Peña \\\"x\\\"\"}}\n\u0000".getBytes(StandardCharsets.UTF_8);
    Map<String, String> meta = Map.of("pe-signature", "ab12", "request-headers", "{\"user-agent\":\"a\\tb\"}", "zone", "América/Lima");

    String line = BatchLines.write("2024011515#abc", new EvidenceItems.Evidence(body, meta));

    assertThat(line).doesNotContain("\n").startsWith("{\"id\":\"2024011515#abc\",\"metadata\":{\"pe-signature\"");
    List<Object[]> read = new ArrayList<>();
    BatchLines.read(line, (id, e) -> read.add(new Object[] {id, e}));
    assertThat(read).hasSize(1);
    assertThat(read.get(0)[0]).isEqualTo("2024011515#abc");
    EvidenceItems.Evidence back = (EvidenceItems.Evidence) read.get(0)[1];
    assertThat(back.body()).isEqualTo(body);
    assertThat(back.metadata()).isEqualTo(meta);
  }

  @Test
  void read_shouldRefuseALineThatIsNotAnObject() {
    assertThatThrownBy(() -> BatchLines.read("[1,2]", (id, e) -> { })).isInstanceOf(IOException.class);
  }
}
