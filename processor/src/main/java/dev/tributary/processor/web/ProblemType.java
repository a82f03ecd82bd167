package dev.tributary.processor.web;

import dev.tributary.service.security.ServiceHttpSecurity;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The API's problem types: the {@code type} of every problem detail it answers, a URI that stays
 * the same across releases, so that a client can branch on it rather than on a title or a detail.
 * URNs, because they name a kind of failure and need not resolve; the API document lists them.
 */
enum ProblemType {
  INVALID_REQUEST(
      HttpStatus.BAD_REQUEST,
      "Invalid request",
      "The request is malformed, has an unknown or invalid parameter, or breaks a rule of the contract; the detail says which."),
  UNAUTHORIZED(
      HttpStatus.UNAUTHORIZED, "Unauthorized", "No credentials, or wrong ones (HTTP Basic)."),
  FORBIDDEN(
      HttpStatus.FORBIDDEN,
      "Forbidden",
      "The user's role does not allow this: reading needs the reader or operator role, changing anything the operator role."),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Not found", "No task, step, template or path of that name."),
  METHOD_NOT_ALLOWED(
      HttpStatus.METHOD_NOT_ALLOWED,
      "Method not allowed",
      "The path exists, but not with this HTTP method."),
  UNSUPPORTED_MEDIA_TYPE(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      "Unsupported media type",
      "The body's Content-Type is not one this endpoint reads."),
  NOT_ACCEPTABLE(
      HttpStatus.NOT_ACCEPTABLE,
      "Not acceptable",
      "The endpoint cannot answer in a media type the Accept header allows."),
  CONCURRENT_DUPLICATE(
      HttpStatus.CONFLICT,
      "Concurrent duplicate",
      "A task with the same identity was being created at the same moment; send the request again."),
  TEMPLATE_CONFLICT(
      HttpStatus.CONFLICT,
      "Template version exists",
      "This template version is registered with other content; versions are immutable."),
  ACTION_REFUSED(
      HttpStatus.CONFLICT,
      "Action refused",
      "The task or step is in a state that does not allow this operator action; the detail says which states do."),
  REQUEST_REJECTED(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Request rejected",
      "A well-formed task request that cannot create a task, e.g. for a template that is not registered."),
  INVALID_TEMPLATE(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Invalid template",
      "The template breaks the template rules; the problems property lists each."),
  DATABASE_UNAVAILABLE(
      HttpStatus.SERVICE_UNAVAILABLE,
      "Database unavailable",
      "The database is unavailable or failing over; nothing was changed. Retry after the Retry-After header's seconds."),
  KAFKA_UNAVAILABLE(
      HttpStatus.SERVICE_UNAVAILABLE,
      "Kafka unavailable",
      "The Kafka cluster did not answer in time; nothing was changed. Retry later."),
  INTERNAL_ERROR(
      HttpStatus.INTERNAL_SERVER_ERROR,
      "Internal error",
      "An unexpected failure; the processor's log has the details.");

  private final HttpStatus status;
  private final String title;
  private final String meaning;

  ProblemType(HttpStatus status, String title, String meaning) {
    this.status = status;
    this.title = title;
    this.meaning = meaning;
  }

  URI uri() {
    return ServiceHttpSecurity.problemType(name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  HttpStatus status() {
    return status;
  }

  String title() {
    return title;
  }

  String meaning() {
    return meaning;
  }

  /** The type of a problem Spring answered itself (a framework exception), by its status. */
  static ProblemType forStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    };
  }
}
