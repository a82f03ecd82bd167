package dev.tributary.processor.web;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.core.template.InvalidTemplateException;
import dev.tributary.processor.operator.ActionRefusedException;
import dev.tributary.processor.operator.UnknownStepException;
import dev.tributary.processor.operator.UnknownTaskException;
import dev.tributary.processor.task.RejectedRequestException;
import dev.tributary.store.template.TemplateConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the API's failures to RFC 9457 problem details with a reason a client can act on. */
@RestControllerAdvice
class ProblemDetails {

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

  /** {@code detail} is the exception's message, which may be null: the problem then has none. */
  private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
