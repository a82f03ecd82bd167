/**
 * Fixtures for chaos tests that inject real faults from outside: every server a test needs as an
 * operating-system process of its own, started, killed (SIGKILL) and started again by the test.
 *
 * <ul>
 *   <li>{@link dev.tributary.testkit.process.PostgresProcess}: a PostgreSQL server; SIGKILL of the
 *       postmaster and crash recovery, read-only mode, terminated sessions, a stalled backend
 *       holding row locks;
 *   <li>{@link dev.tributary.testkit.process.KafkaProcess}: a KRaft broker; SIGKILL and restart on
 *       the same data and port, optionally a listener that advertises a proxy;
 *   <li>{@link dev.tributary.testkit.process.ServiceProcess}: the processor or the scheduler from
 *       its executable jar, configured by environment variables only; readiness, SIGKILL, SIGTERM;
 *   <li>{@link dev.tributary.testkit.process.WorkerProcess}: a worker JVM serving scripted handlers
 *       ({@link dev.tributary.testkit.process.ScriptedHandler}) and logging every handler run
 *       ({@link dev.tributary.testkit.process.HandlerRun});
 *   <li>{@link dev.tributary.testkit.process.DelayProxy}: a TCP proxy that delays or swallows one
 *       client's traffic.
 * </ul>
 *
 * <p>Every process is killed by its fixture's {@code close()}, and by a shutdown hook of the test
 * JVM if a test never closes it; ports come from the operating system; working directories are
 * temporary and deleted on close. Logs go to {@code target/process-logs} when the system property
 * {@code tributary.process.logs} names it (the modules' failsafe configuration does). Linux (or
 * another Unix): the signals are POSIX ones.
 */
@NullMarked
package dev.tributary.testkit.process;

import org.jspecify.annotations.NullMarked;
