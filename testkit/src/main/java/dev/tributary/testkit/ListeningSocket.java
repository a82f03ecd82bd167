package dev.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A TCP socket this process listens on, found as {@code ss -ltnp} finds it: the socket inodes among
 * the process's file descriptors ({@code /proc/self/fd}), their local addresses in the kernel's
 * tables ({@code /proc/net/tcp}, {@code /proc/net/tcp6}). Linux only; see {@link #readable()}. For
 * tests that check what a server exposes, e.g. that an embedded broker answers on loopback only.
 *
 * @param address the local address, the wildcard address for every interface
 * @param port the local port
 */
public record ListeningSocket(InetAddress address, int port) {

  private static final Path TCP = Path.of("/proc/net/tcp");
  private static final Path TCP6 = Path.of("/proc/net/tcp6");
  private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");

  /** The kernel's state code for a listening socket (TCP_LISTEN). */
  private static final String LISTEN = "0A";

  /** Whether this system has the tables (Linux). */
  public static boolean readable() {
    return Files.isReadable(TCP) && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  /** Every TCP socket this process listens on now, IPv4 and IPv6. */
  public static Set<ListeningSocket> ofThisProcess() {
    return of(Path.of("/proc/self/fd"));
  }

  /**
   * Every TCP socket another process (a child of this one, or one of the same user) listens on now,
   * IPv4 and IPv6.
   */
  public static Set<ListeningSocket> ofProcess(long pid) {
    return of(Path.of("/proc", String.valueOf(pid), "fd"));
  }

  private static Set<ListeningSocket> of(Path descriptors) {
    Set<String> inodes = socketInodes(descriptors);
    Set<ListeningSocket> listening = new HashSet<>();
    for (Path table : List.of(TCP, TCP6)) {
      if (Files.isReadable(table)) {
        List<String> lines = lines(table);
        for (String line : lines.subList(1, lines.size())) {
          String[] fields = line.trim().split("\\s+", -1);
          // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout
          // inode
          if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
            listening.add(parse(fields[1]));
          }
        }
      }
    }
    return listening;
  }

  private static Set<String> socketInodes(Path fdDirectory) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> descriptors = Files.list(fdDirectory)) {
      for (Path descriptor : descriptors.toList()) {
        try {
          Matcher socket = SOCKET_LINK.matcher(Files.readSymbolicLink(descriptor).toString());
          if (socket.matches()) {
            inodes.add(socket.group(1));
          }
        } catch (IOException closedMeanwhile) {
          // A descriptor closed while listing: not a socket this process listens on.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + fdDirectory, e);
    }
    return inodes;
  }

  private static List<String> lines(Path table) {
    try {
      return Files.readAllLines(table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table, e);
    }
  }

  /**
   * {@code 0100007F:1F90} is 127.0.0.1:8080: the address in hexadecimal, each 32-bit word in the
   * kernel's (little-endian) byte order, then the port in hexadecimal.
   */
  static ListeningSocket parse(String local) {
    String[] parts = local.split(":", -1);
    byte[] bytes = HexFormat.of().parseHex(parts[0]);
    for (int word = 0; word < bytes.length; word += 4) {
      for (int i = 0; i < 2; i++) {
        byte swap = bytes[word + i];
        bytes[word + i] = bytes[word + 3 - i];
        bytes[word + 3 - i] = swap;
      }
    }
    try {
      return new ListeningSocket(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + local, e);
    }
  }

  @Override
  public String toString() {
    return address.getHostAddress() + ":" + port;
  }
}
