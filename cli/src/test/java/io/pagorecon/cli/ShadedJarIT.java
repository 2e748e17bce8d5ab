package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar the launcher ships (built by {@code package}, before failsafe runs) carries what
 * {@code serve} and {@code demo} run and nothing that only tests use: no JUnit, jqwik or AssertJ, no
 * in-memory ports of core's test-jar, no JUnit extension or fault proxy of devstack's test-jar.
 */
class ShadedJarIT {

  private static final Path JAR = Path.of("target", "pagorecon.jar");

  @Test
  void shadedJar_shouldHoldNoTestOnlyClasses_whenPackaged() throws IOException {
    assertThat(JAR).isRegularFile();
    List<String> names;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      names = jar.stream().map(ZipEntry::getName).toList();
    }
    assertThat(names)
        .contains("io/pagorecon/cli/Pagorecon.class",
            "io/pagorecon/devstack/MotoServer.class",
            "io/pagorecon/devstack/StackProvisioner.class",
            "io/pagorecon/devstack/dingtalk/DingTalkRobotStandIn.class")
        .noneMatch(n -> n.startsWith("org/junit/") || n.startsWith("org/opentest4j/")
            || n.startsWith("net/jqwik/") || n.startsWith("org/assertj/") || n.startsWith("org/mockito/"))
        .noneMatch(n -> n.startsWith("io/pagorecon/fixtures/"))
        .noneMatch(n -> n.startsWith("io/pagorecon/devstack/MotoExtension")
            || n.startsWith("io/pagorecon/devstack/MotoStack")
            || n.startsWith("io/pagorecon/devstack/AwsTestEnvironment")
            || n.startsWith("io/pagorecon/devstack/FaultProxy")
            || n.startsWith("io/pagorecon/devstack/lambda/RuntimeApiStandIn"));
  }
}
