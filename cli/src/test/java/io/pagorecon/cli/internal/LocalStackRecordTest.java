package io.pagorecon.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackRecordTest {

  @TempDir Path home;

  private LocalStackRecord.Contents contents(long pid, String startedAt) {
    return new LocalStackRecord.Contents(pid, startedAt, "http://127.0.0.1:8080", "http://127.0.0.1:5000", "us-east-1", "sandbox",
        "http://127.0.0.1:8089/v1/", Map.of("LedgerTable", "ledgertable-sandbox", "DataBucket", "databucket-sandbox"),
        Map.of("StatementFunction", Map.of("PAYMENTS_TABLE", "paymentstable-sandbox")));
  }

  @Test
  void publish_shouldWriteARecordTheOwnerAloneReads_andCloseShouldRemoveIt() throws Exception {
    Path file = LocalStackRecord.path(Map.of("HOME", home.toString()));
    LocalStackRecord.Contents mine = contents(ProcessHandle.current().pid(), "2024-01-16T00:00:00Z");

    AutoCloseable handle = LocalStackRecord.publish(file, mine);

    assertThat(file).isEqualTo(home.resolve(".pagorecon/local-stack.json"));
    assertThat(LocalStackRecord.read(file)).contains(mine);
    assertThat(LocalStackRecord.alive(mine)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    ResolvedStack resolved = mine.resolved(file);
    assertThat(resolved.ref("LedgerTable")).isEqualTo("ledgertable-sandbox");
    assertThat(resolved.clientEnvironment()).containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:5000").containsEntry("S3_FORCE_PATH_STYLE", "true");
    assertThat(resolved.webhookUrl()).hasValueSatisfying(u -> assertThat(u).hasToString("http://127.0.0.1:8080/webhooks/pagoefectivo"));

    handle.close();

    assertThat(file).doesNotExist();
  }

  @Test
  void close_shouldLeaveARecordAnotherServeWroteSince() throws Exception {
    Path file = LocalStackRecord.path(Map.of("HOME", home.toString()));
    AutoCloseable first = LocalStackRecord.publish(file, contents(ProcessHandle.current().pid(), "2024-01-16T00:00:00Z"));
    AutoCloseable second = LocalStackRecord.publish(file, contents(ProcessHandle.current().pid(), "2024-01-16T00:05:00Z"));

    first.close();

    assertThat(LocalStackRecord.read(file)).hasValueSatisfying(c -> assertThat(c.startedAt()).isEqualTo("2024-01-16T00:05:00Z"));
    second.close();
    assertThat(file).doesNotExist();
  }

  @Test
  void missingResourceOrFunction_shouldBeBadInputSayingWhatToDo() {
    ResolvedStack resolved = contents(1, "x").resolved(home.resolve("r.json"));

    CliError noTable = org.junit.jupiter.api.Assertions.assertThrows(CliError.class, () -> resolved.ref("PaymentsTable"));
    CliError noFunction = org.junit.jupiter.api.Assertions.assertThrows(CliError.class, () -> resolved.functionEnvironment("SyncFunction"));

    assertThat(noTable.exitCode()).isEqualTo(2);
    assertThat(noTable.line("pagorecon x")).contains("has no resource PaymentsTable — ");
    assertThat(noFunction.line("pagorecon x")).contains("has no function SyncFunction — ");
  }

  @Test
  void unreadableRecord_shouldBeBadInputSayingToDeleteIt() throws Exception {
    Path file = Files.createDirectories(home.resolve(".pagorecon")).resolve("local-stack.json");
    Files.writeString(file, "{not json");

    CliError e = org.junit.jupiter.api.Assertions.assertThrows(CliError.class, () -> LocalStackRecord.read(file));

    assertThat(e.line("pagorecon ledger list")).isEqualTo("pagorecon ledger list: --local: " + file
        + " is not a record ./pagorecon serve wrote — delete it and start ./pagorecon serve again");
  }
}
