package dev.tributary.processor.task;

import dev.tributary.contracts.TaskRequest;
import org.jspecify.annotations.Nullable;

/**
 * A task request and what identifies this delivery of it, for requests that carry no message id: a
 * redelivered Kafka record has the same delivery (its topic, partition, offset and timestamp), so a
 * template whose identity is {@code always_unique} creates its task once however often the record
 * is processed.
 *
 * @param request the request
 * @param delivery the same for every redelivery of this request, different for any other request
 * @param traceParent the trace context the request arrived with (a record's header); none for a
 *     request over HTTP, whose server span is current
 */
public record Submission(TaskRequest request, String delivery, @Nullable String traceParent) {

  public Submission(TaskRequest request, String delivery) {
    this(request, delivery, null);
  }
}
