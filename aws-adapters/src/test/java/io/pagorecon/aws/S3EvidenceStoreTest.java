package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pagorecon.core.payment.StorageException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3EvidenceStoreTest {

  final S3Client s3 = mock(S3Client.class);
  final S3EvidenceStore store = new S3EvidenceStore(s3, "data-bucket");

  @Test
  void put_shouldSendBucketKeyMetadataAndJsonType() {
    when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class))).thenReturn(PutObjectResponse.builder().build());

    store.put("raw/sandbox/2024/01/15/1/cip.paid-00.json", new byte[] {'{', '}'}, Map.of("request-id", "r1"));

    ArgumentCaptor<PutObjectRequest> captor = ArgumentCaptor.forClass(PutObjectRequest.class);
    verify(s3).putObject(captor.capture(), any(RequestBody.class));
    assertThat(captor.getValue().bucket()).isEqualTo("data-bucket");
    assertThat(captor.getValue().key()).isEqualTo("raw/sandbox/2024/01/15/1/cip.paid-00.json");
    assertThat(captor.getValue().metadata()).containsEntry("request-id", "r1");
    assertThat(captor.getValue().contentType()).isEqualTo("application/json");
  }

  @Test
  void put_shouldThrowStorageExceptionKeepingCause_whenS3Fails() {
    S3Exception failure = (S3Exception) S3Exception.builder().statusCode(503).message("slow down").build();
    when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class))).thenThrow(failure);
    assertThatThrownBy(() -> store.put("k", new byte[0], Map.of())).isInstanceOf(StorageException.class).hasCause(failure);
  }
}
