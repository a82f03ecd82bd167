package dev.tributary.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One client's connection through a {@link DelayProxy}: two pipes, client to target and back. Each
 * pipe has a reader, which stamps every chunk it reads with when it is due (now plus the proxy's
 * delay, never before the previous chunk, so that order holds when the delay shrinks) or drops it
 * in a black hole, and a writer, which takes chunks from a {@link DelayQueue} as they fall due. End
 * of stream or an error on either side closes both sockets.
 */
final class ProxiedConnection {

  private static final int CHUNK = 64 * 1024;

  private final Socket client;
  private final Socket upstream;
  private final Supplier<DelayProxy.Mode> mode;
  private final Consumer<ProxiedConnection> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile boolean lostBytes;

  ProxiedConnection(
      Socket client,
      Socket upstream,
      Supplier<DelayProxy.Mode> mode,
      Consumer<ProxiedConnection> onClose) {
    this.client = client;
    this.upstream = upstream;
    this.mode = mode;
    this.onClose = onClose;
  }

  void start() throws IOException {
    pipe(client.getInputStream(), upstream.getOutputStream());
    pipe(upstream.getInputStream(), client.getOutputStream());
  }

  /** Whether a black hole swallowed bytes of this connection: its streams are broken. */
  boolean lostBytes() {
    return lostBytes;
  }

  private void pipe(InputStream from, OutputStream to) {
    DelayQueue<Chunk> queue = new DelayQueue<>();
    threads.add(Thread.ofVirtual().start(() -> read(from, queue)));
    threads.add(Thread.ofVirtual().start(() -> write(queue, to)));
  }

  private void read(InputStream from, DelayQueue<Chunk> queue) {
    byte[] buffer = new byte[CHUNK];
    long lastDue = System.nanoTime();
    long sequence = 0;
    try {
      while (true) {
        int read = from.read(buffer);
        DelayProxy.Mode now = mode.get();
        long due = Math.max(System.nanoTime() + now.delay().toNanos(), lastDue);
        if (read < 0) {
          queue.add(new Chunk(null, due, sequence));
          return;
        }
        if (now.blackHole()) {
          lostBytes = true;
          continue;
        }
        lastDue = due;
        queue.add(new Chunk(Arrays.copyOf(buffer, read), due, sequence++));
      }
    } catch (IOException closedMeanwhile) {
      close();
    }
  }

  private void write(DelayQueue<Chunk> queue, OutputStream to) {
    try {
      while (true) {
        Chunk chunk = queue.take();
        if (chunk.bytes() == null) {
          close();
          return;
        }
        to.write(chunk.bytes());
        to.flush();
      }
    } catch (IOException | InterruptedException closedMeanwhile) {
      close();
    }
  }

  /** Closes both sockets; the pipes' threads end. */
  void close() {
    if (closed.compareAndSet(false, true)) {
      DelayProxy.closeQuietly(client);
      DelayProxy.closeQuietly(upstream);
      threads.forEach(Thread::interrupt);
      onClose.accept(this);
    }
  }

  /**
   * Bytes read from one side, due on the other at {@code dueNanos} ({@link System#nanoTime()}); no
   * bytes for the end of the stream.
   */
  // Bytes passed along unchanged; a chunk is ordered by when it is due, never compared by content.
  @SuppressWarnings("ArrayRecordComponent")
  private record Chunk(byte @Nullable [] bytes, long dueNanos, long sequence) implements Delayed {

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Chunk that = (Chunk) other;
      int byDue = Long.compare(dueNanos, that.dueNanos);
      return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
    }
  }
}
