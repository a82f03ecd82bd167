package dev.tributary.testkit.process;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL session that took row locks in a transaction and now does nothing: "idle in
 * transaction", holding its locks, until {@link #release()} rolls back, or the server ends it
 * ({@link PostgresProcess#terminateConnections()}, {@code idle_in_transaction_session_timeout}, a
 * crash). Made by {@link PostgresProcess#stallBackendHoldingLock}.
 */
public final class StalledBackend implements AutoCloseable {

  private final Connection connection;
  private final int backendPid;
  private final int lockedRows;

  StalledBackend(Connection connection, int backendPid, int lockedRows) {
    this.connection = connection;
    this.backendPid = backendPid;
    this.lockedRows = lockedRows;
  }

  /**
   * The server process of the session ({@code pg_backend_pid()}), as in {@code pg_stat_activity}.
   */
  public int backendPid() {
    return backendPid;
  }

  /** How many rows the statement returned (and so locked, for a {@code SELECT ... FOR UPDATE}). */
  public int lockedRows() {
    return lockedRows;
  }

  /** Whether the server has ended the session (asks it; a live session answers at once). */
  public boolean isTerminated() {
    try {
      return connection.isClosed() || !connection.isValid(2);
    } catch (SQLException e) {
      return true;
    }
  }

  /** Rolls back, releasing the locks, and closes the session. Does nothing if it has ended. */
  public void release() {
    try (connection) {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException ended) {
      // The server ended the session: its locks went with it.
    }
  }

  @Override
  public void close() {
    release();
  }
}
