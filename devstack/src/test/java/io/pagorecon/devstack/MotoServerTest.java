package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoServerTest {

  @TempDir Path logs;

  @Test
  void start_shouldExplainHowToInstallMoto_whenPythonIsMissing() {
    Map<String, String> env = Map.of(MotoServer.PYTHON_VARIABLE, logs.resolve("no-such-python").toString());

    assertThatThrownBy(() -> MotoServer.start(env, logs))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("moto")
        .hasMessageContaining(MotoServer.ENDPOINT_VARIABLE);
  }

  @Test
  void start_shouldSayMotoIsNotInstalled_whenPythonCannotFindTheModule() throws IOException {
    Path python = logs.resolve("python-without-moto");
    Files.writeString(python, "#!/bin/sh\necho \"/usr/bin/python3: No module named moto\" >&2\nexit 1\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(() -> MotoServer.start(Map.of(MotoServer.PYTHON_VARIABLE, python.toString()), logs))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Is moto installed?")
        .hasMessageContaining("No module named moto");
  }

  @Test
  void start_shouldFailClearly_whenTheReusedEndpointDoesNotAnswer() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Map<String, String> env = Map.of(MotoServer.ENDPOINT_VARIABLE, "http://127.0.0.1:" + closedPort);

    assertThatThrownBy(() -> MotoServer.start(env, logs))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(MotoServer.ENDPOINT_VARIABLE)
        .hasMessageContaining("/moto-api/");
  }
}
