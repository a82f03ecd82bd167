package dev.tributary.bench.infra;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated database of one scenario's own.
 *
 * @param name the database name
 * @param jdbcUrl its JDBC URL
 * @param username the user to connect as
 * @param password that user's password
 */
public record BenchDatabase(String name, String jdbcUrl, String username, String password) {

  /** An unpooled data source, for fixtures and measurements outside the services. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser(username);
    dataSource.setPassword(password);
    return dataSource;
  }

  /** A jOOQ context on {@link #dataSource()}; its statements are not counted as the services'. */
  public DSLContext dsl() {
    return DSL.using(dataSource(), SQLDialect.POSTGRES);
  }
}
