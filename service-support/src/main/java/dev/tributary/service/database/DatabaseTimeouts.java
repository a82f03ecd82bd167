package dev.tributary.service.database;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on every wait between a service and PostgreSQL, so that a stalled backend, a host lost in
 * the middle of a transaction or a failover holds nothing up for long. Applied to the services'
 * connection pool: the first three by the JDBC driver, the rest as settings of every session.
 *
 * @param connectTimeout how long opening a connection may take; a server that does not answer is
 *     reported (and the poll retried) instead of hanging the pool
 * @param socketTimeout how long the driver waits for any answer on an open connection: the last
 *     resort against a server or network that went silent. Longer than {@code statementTimeout}, so
 *     that the server cancels a slow statement first and says why
 * @param statementTimeout the longest one statement may run (PostgreSQL's {@code
 *     statement_timeout}); the hot statements take milliseconds, so reaching it means something is
 *     wrong, and the poll is retried (SQLSTATE 57014 is transient)
 * @param lockTimeout the longest a statement waits for a row lock ({@code lock_timeout}): behind a
 *     stalled backend, the poll fails with 55P03 and is retried instead of waiting with it
 * @param idleInTransactionTimeout how long a session may sit idle inside a transaction before the
 *     server ends it and releases its locks ({@code idle_in_transaction_session_timeout}): a
 *     service killed in the middle of a transaction stops blocking others after this, at the
 *     latest. Only the event relay's transaction waits on something outside the database (the
 *     broker, up to the producer's delivery timeout and a margin, 35 s by default); the processor
 *     refuses to start if that wait is not shorter than this
 * @param keepaliveIdle silence on a connection after which the server starts TCP keepalive probes
 *     ({@code tcp_keepalives_idle}, with probes every 10 s and 3 allowed to fail): a client host
 *     that vanished is noticed in about {@code keepaliveIdle} + 30 s instead of the kernel's hours
 */
@Validated
@ConfigurationProperties("tributary.database")
public record DatabaseTimeouts(
    @DefaultValue("5s") @NotNull Duration connectTimeout,
    @DefaultValue("90s") @NotNull Duration socketTimeout,
    @DefaultValue("30s") @NotNull Duration statementTimeout,
    @DefaultValue("10s") @NotNull Duration lockTimeout,
    @DefaultValue("60s") @NotNull Duration idleInTransactionTimeout,
    @DefaultValue("30s") @NotNull Duration keepaliveIdle) {

  public DatabaseTimeouts {
    if (socketTimeout.compareTo(statementTimeout) <= 0) {
      throw new IllegalArgumentException(
          "tributary.database.socket-timeout ("
              + socketTimeout
              + ") must be longer than tributary.database.statement-timeout ("
              + statementTimeout
              + "), so that the server cancels a slow statement before the driver gives up");
    }
  }

  /** The PostgreSQL settings every session starts with, as the driver's {@code options}. */
  String sessionOptions() {
    return "-c statement_timeout="
        + statementTimeout.toMillis()
        + " -c lock_timeout="
        + lockTimeout.toMillis()
        + " -c idle_in_transaction_session_timeout="
        + idleInTransactionTimeout.toMillis()
        + " -c tcp_keepalives_idle="
        + keepaliveIdle.toSeconds()
        + " -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3";
  }
}
