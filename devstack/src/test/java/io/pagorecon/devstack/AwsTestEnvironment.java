package io.pagorecon.devstack;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One test's view of the local AWS: the moto endpoint, the stack provisioned for it, and clients
 * for the test's own setup and assertions. Handlers under test get {@link #functionEnvironment}.
 */
public final class AwsTestEnvironment {

  private final MotoServer moto;
  private final LocalClients clients;
  private final ProvisionedStack stack;

  public AwsTestEnvironment(MotoServer moto, LocalClients clients, ProvisionedStack stack) {
    this.moto = moto;
    this.clients = clients;
    this.stack = stack;
  }

  public URI endpoint() {
    return moto.endpoint();
  }

  public ProvisionedStack stack() {
    return stack;
  }

  public LocalClients clients() {
    return clients;
  }

  /** Shorthand for {@code stack().ref(logicalId)}: table/bucket name, topic/secret ARN, queue URL. */
  public String ref(String logicalId) {
    return stack.ref(logicalId);
  }

  /** The environment the template gives that function, resolved to this stack. */
  public Map<String, String> functionEnvironment(String functionLogicalId) {
    return stack.functionEnvironment(functionLogicalId);
  }

  /** Replaces the value of a secret of the template (e.g. {@code PagoEfectivoSecret}). */
  public void putSecret(String secretLogicalId, String secretString) {
    clients.secretsManager().putSecretValue(p -> p.secretId(stack.arn(secretLogicalId)).secretString(secretString));
  }

  /** A new queue of the test's own (an inbox to subscribe to a topic or target with a rule); its URL. */
  public String createQueue(String name) {
    return clients.sqs().createQueue(q -> q.queueName(name)).queueUrl();
  }

  /** The ARN of the queue at {@code queueUrl}. */
  public String queueArn(String queueUrl) {
    return clients.sqs().getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /** Every message body in the queue, oldest first, each deleted once read; stops after a second with none. */
  public List<String> drain(String queueUrl) {
    List<String> out = new ArrayList<>();
    while (true) {
      List<Message> batch = clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      if (batch.isEmpty()) {
        return out;
      }
      for (Message m : batch) {
        out.add(m.body());
        clients.sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
  }
}
