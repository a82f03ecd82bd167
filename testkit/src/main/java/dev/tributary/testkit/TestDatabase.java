package dev.tributary.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated database of one's own on the test server.
 *
 * @param name the database name
 * @param jdbcUrl its JDBC URL
 * @param username the user to connect as
 * @param password that user's password
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

  private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();

  /** An unpooled data source, for assertions and fixtures. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser(username);
    dataSource.setPassword(password);
    return dataSource;
  }

  /**
   * A jOOQ context on a small pool of this database's connections, one pool per database for the
   * test JVM. A connection that a fault test killed is replaced when next borrowed.
   */
  public DSLContext dsl() {
    return DSL.using(POOLS.computeIfAbsent(jdbcUrl, url -> pool()), SQLDialect.POSTGRES);
  }

  private HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(username);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    config.setPoolName("test-" + name);
    return new HikariDataSource(config);
  }
}
