package dev.tributary.processor.web;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.core.template.InvalidTemplateException;
import dev.tributary.processor.deadletter.KafkaUnavailableException;
import dev.tributary.processor.operator.ActionRefusedException;
import dev.tributary.processor.operator.UnknownStepException;
import dev.tributary.processor.operator.UnknownTaskException;
import dev.tributary.processor.task.RejectedRequestException;
import dev.tributary.service.kafka.FailureSummary;
import dev.tributary.service.kafka.TransientFailures;
import dev.tributary.store.template.TemplateConflictException;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps the API's failures to RFC 9457 problem details with a reason a client can act on. */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

  /** What a client is told to wait before sending a request again during an outage. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  @ExceptionHandler(InvalidMessageException.class)
  ProblemDetail invalidMessage(InvalidMessageException e) {
    return problem(ProblemType.INVALID_REQUEST, e.getMessage());
  }

  /** A parameter out of its range, e.g. {@code limit=0}: which parameter, and its rule. */
  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail invalidParameter(ConstraintViolationException e) {
    return problem(
        ProblemType.INVALID_REQUEST,
        e.getConstraintViolations().stream()
            .map(v -> parameterName(v.getPropertyPath().toString()) + " " + v.getMessage())
            .sorted()
            .collect(Collectors.joining("; ")));
  }

  /**
   * {@code search.limit} → {@code limit}: the path names the method, which the client never saw.
   */
  private static String parameterName(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  @ExceptionHandler(RejectedRequestException.class)
  ProblemDetail rejected(RejectedRequestException e) {
    return problem(ProblemType.REQUEST_REJECTED, e.getMessage());
  }

  @ExceptionHandler(InvalidTemplateException.class)
  ProblemDetail invalidTemplate(InvalidTemplateException e) {
    ProblemDetail problem = problem(ProblemType.INVALID_TEMPLATE, e.getMessage());
    problem.setProperty("problems", e.problems());
    return problem;
  }

  @ExceptionHandler(TemplateConflictException.class)
  ProblemDetail templateConflict(TemplateConflictException e) {
    return problem(ProblemType.TEMPLATE_CONFLICT, e.getMessage());
  }

  @ExceptionHandler(TaskConflictException.class)
  ProblemDetail taskConflict(TaskConflictException e) {
    return problem(ProblemType.CONCURRENT_DUPLICATE, e.getMessage());
  }

  @ExceptionHandler(ActionRefusedException.class)
  ProblemDetail refused(ActionRefusedException e) {
    return problem(ProblemType.ACTION_REFUSED, e.getMessage());
  }

  @ExceptionHandler({
    UnknownTaskException.class,
    UnknownStepException.class,
    NotFoundException.class
  })
  ProblemDetail notFound(RuntimeException e) {
    return problem(ProblemType.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(KafkaUnavailableException.class)
  ResponseEntity<ProblemDetail> kafkaUnavailable(KafkaUnavailableException e) {
    log.warn("A request met an unavailable Kafka cluster: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
        .body(problem(ProblemType.KAFKA_UNAVAILABLE, e.getMessage()));
  }

  /**
   * The database unavailable or failing over (or a statement that lost a race) is a 503 with {@code
   * Retry-After}: the request changed nothing, since every change is one transaction, and may be
   * sent again. Any other failure of the database is a 500 whose details go to the log only.
   */
  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<ProblemDetail> database(RuntimeException e) {
    if (TransientFailures.isTransient(e)) {
      log.warn("A request met an unavailable database ({}); answering 503", FailureSummary.of(e));
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
          .body(
              problem(
                  ProblemType.DATABASE_UNAVAILABLE,
                  "the database is unavailable or failing over; nothing was changed, retry in "
                      + RETRY_AFTER.toSeconds()
                      + " s"));
    }
    log.error("A request failed in the database ({})", FailureSummary.of(e));
    log.debug("A request failed in the database", e);
    return ResponseEntity.internalServerError()
        .body(
            problem(
                ProblemType.INTERNAL_ERROR,
                "the request failed in the database; nothing was changed"));
  }

  /**
   * A problem Spring MVC answers itself (an unreadable body, a parameter of the wrong type, a
   * method or media type the path does not take) gets the type of its status.
   */
  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      ProblemType type = ProblemType.forStatus(status.value());
      problem.setType(type.uri());
      problem.setTitle(type.title());
      if (e instanceof HttpMessageNotReadableException unreadable) {
        // Spring's own detail ("Failed to read request") does not say what to fix.
        problem.setDetail(
            "the request body is not valid JSON for this endpoint: "
                + NestedExceptionUtils.getMostSpecificCause(unreadable).getMessage());
      }
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  /** {@code detail} is the exception's message, which may be null: the problem then has none. */
  static ProblemDetail problem(ProblemType type, @Nullable String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    return problem;
  }
}
