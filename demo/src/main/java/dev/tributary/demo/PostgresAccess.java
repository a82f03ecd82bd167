package dev.tributary.demo;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How the demo, its services and its progress queries reach PostgreSQL: the embedded server's or an
 * external one. The password is never shown: not by {@link #toString()}, not in {@link
 * #shownUrl()}.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL
 * @param user the user to connect as
 * @param password that user's password; empty for none
 */
record PostgresAccess(String jdbcUrl, String user, String password) {

  /** What every URL the demo accepts starts with. */
  static final String URL_SCHEME = "jdbc:postgresql:";

  /** A password given as a URL parameter ({@code password=} or {@code sslpassword=}). */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&](?:ssl)?password=)[^&]*");

  /** An unpooled data source, for the progress queries: a few statements a second at most. */
  DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser(user);
    if (!password.isEmpty()) {
      dataSource.setPassword(password);
    }
    return dataSource;
  }

  /** The URL as the demo prints it: a password among its parameters replaced by {@code ***}. */
  String shownUrl() {
    return redacted(jdbcUrl);
  }

  /** The URL with the value of any password parameter replaced by {@code ***}. */
  static String redacted(String url) {
    return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
  }

  /** Whether the URL carries a password parameter, which belongs in the environment instead. */
  static boolean hasPasswordParameter(String url) {
    return PASSWORD_PARAMETER.matcher(url).find();
  }

  @Override
  public String toString() {
    return "PostgresAccess[jdbcUrl="
        + shownUrl()
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "none" : "***")
        + "]";
  }
}
