import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Jdbc;

/**
 * Generates the jOOQ classes from the real schema: starts a throwaway embedded PostgreSQL, migrates
 * it with the module's Flyway scripts and runs jOOQ's generator against it. Runs offline and
 * without Docker as a single-file program (java JooqCodegen.java), launched by exec-maven-plugin
 * during generate-sources.
 *
 * <p>Arguments: the migrations directory, the generator configuration, the output directory. Does
 * nothing when a digest of the inputs matches the one recorded by the last run.
 */
public class JooqCodegen {

  public static void main(String[] args) throws Exception {
    Path migrations = Path.of(args[0]);
    Path config = Path.of(args[1]);
    Path output = Path.of(args[2]);
    Path stamp = output.resolve(".inputs-digest");
    String digest =
        digest(
            migrations,
            config,
            Path.of(JooqCodegen.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    if (Files.exists(stamp) && Files.readString(stamp).equals(digest)) {
      System.out.println("jOOQ classes are up to date with " + migrations);
      return;
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .locations("filesystem:" + migrations.toAbsolutePath())
          // dev.tributary.store.Migrations is not compiled yet when this runs: same value.
          .placeholders(java.util.Map.of("runtime_role", "tributary_runtime"))
          .load()
          .migrate();
      Configuration configuration;
      try (InputStream in = Files.newInputStream(config)) {
        configuration = GenerationTool.load(in);
      }
      configuration
          .withJdbc(
              new Jdbc()
                  .withDriver("org.postgresql.Driver")
                  .withUrl(postgres.getJdbcUrl("postgres", "postgres"))
                  .withUser("postgres"))
          .getGenerator()
          .getTarget()
          .withDirectory(output.toAbsolutePath().toString())
          .withClean(true);
      GenerationTool.generate(configuration);
    }
    Files.writeString(stamp, digest);
  }

  private static String digest(Path migrations, Path config, Path self) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<Path> inputs;
    try (Stream<Path> files = Files.list(migrations)) {
      inputs = Stream.concat(files.sorted(), Stream.of(config, self)).toList();
    }
    for (Path input : inputs) {
      if (Files.isRegularFile(input)) {
        sha.update(input.getFileName().toString().getBytes());
        sha.update(read(input));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
