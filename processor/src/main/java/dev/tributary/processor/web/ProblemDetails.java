package dev.tributary.processor.web;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.core.template.InvalidTemplateException;
import dev.tributary.processor.operator.ActionRefusedException;
import dev.tributary.processor.operator.UnknownStepException;
import dev.tributary.processor.operator.UnknownTaskException;
import dev.tributary.processor.task.RejectedRequestException;
import dev.tributary.service.kafka.FailureSummary;
import dev.tributary.service.kafka.TransientFailures;
import dev.tributary.store.template.TemplateConflictException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the API's failures to RFC 9457 problem details with a reason a client can act on. */
@RestControllerAdvice
class ProblemDetails {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

  /** What a client is told to wait before sending a request again during an outage. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  @ExceptionHandler(InvalidMessageException.class)
  ProblemDetail invalidMessage(InvalidMessageException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
  }

  @ExceptionHandler(RejectedRequestException.class)
  ProblemDetail rejected(RejectedRequestException e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Request rejected", e.getMessage());
  }

  @ExceptionHandler(InvalidTemplateException.class)
  ProblemDetail invalidTemplate(InvalidTemplateException e) {
    ProblemDetail problem =
        problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid template", e.getMessage());
    problem.setProperty("problems", e.problems());
    return problem;
  }

  @ExceptionHandler(TemplateConflictException.class)
  ProblemDetail templateConflict(TemplateConflictException e) {
    return problem(HttpStatus.CONFLICT, "Template version exists", e.getMessage());
  }

  @ExceptionHandler(TaskConflictException.class)
  ProblemDetail taskConflict(TaskConflictException e) {
    return problem(HttpStatus.CONFLICT, "Concurrent duplicate", e.getMessage());
  }

  @ExceptionHandler(ActionRefusedException.class)
  ProblemDetail refused(ActionRefusedException e) {
    return problem(HttpStatus.CONFLICT, "Action refused", e.getMessage());
  }

  @ExceptionHandler({
    UnknownTaskException.class,
    UnknownStepException.class,
    NotFoundException.class
  })
  ProblemDetail notFound(RuntimeException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
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
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "Database unavailable",
                  "the database is unavailable or failing over; nothing was changed, retry in "
                      + RETRY_AFTER.toSeconds()
                      + " s"));
    }
    log.error("A request failed in the database ({})", FailureSummary.of(e));
    log.debug("A request failed in the database", e);
    return ResponseEntity.internalServerError()
        .body(
            problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "the request failed in the database; nothing was changed"));
  }

  /** {@code detail} is the exception's message, which may be null: the problem then has none. */
  private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
