package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SnapStart primers run the S3 and Secrets Manager paths and are refused: nothing written, no secret read. */
@MotoStack
class PrimingIT {

  @Test
  void evidencePrimer_shouldBeRefused_andWriteNothing(AwsTestEnvironment aws) {
    S3EvidenceStore evidence = new S3EvidenceStore(aws.clients().s3(), aws.ref("DataBucket"));

    int first = evidence.prime("{}".getBytes(StandardCharsets.UTF_8));
    int second = evidence.prime("{}".getBytes(StandardCharsets.UTF_8));

    assertThat(first).isEqualTo(404);
    assertThat(second).isEqualTo(404);
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket")).prefix("rejected/")).contents()).isEmpty();
  }

  @Test
  void secretPrimer_shouldBeRefused_withoutReturningTheSecret(AwsTestEnvironment aws) {
    aws.putSecret("PagoEfectivoSecret", "{\"secretKey\":\"PRIMINGSECRETEXAMPLE\"}");

    int status = new SecretsManagerSecretSource(aws.clients().secretsManager()).prime(aws.stack().arn("PagoEfectivoSecret"));

    // ResourceNotFoundException: 400 on AWS, 404 on moto
    assertThat(status).isIn(400, 404);
  }
}
