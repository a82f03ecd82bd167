package dev.tributary.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/state-machines.md is what the tables draw; rewrite it with -Dtributary.diagrams.write. */
class StateDiagramsTest {

  private static final Path DOCUMENT = Path.of("..", "docs", "state-machines.md");

  @Test
  void the_checked_in_diagrams_are_what_the_tables_draw() throws IOException {
    String drawn = StateDiagrams.markdown();
    if (Boolean.getBoolean("tributary.diagrams.write")) {
      Files.createDirectories(DOCUMENT.getParent());
      Files.writeString(DOCUMENT, drawn, StandardCharsets.UTF_8);
    }

    assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8))
        .as(
            "docs/state-machines.md differs from the tables; regenerate it with ./mvnw -pl core"
                + " test -Dtest=StateDiagramsTest -Dtributary.diagrams.write=true")
        .isEqualTo(drawn);
  }

  @Test
  void every_row_of_both_tables_is_an_edge_of_the_drawing() {
    String drawn = StateDiagrams.markdown();

    assertThat(StepMachine.TABLE)
        .allSatisfy(
            row ->
                assertThat(drawn)
                    .contains(row.from().wireName() + " --> " + row.to().wireName() + ": "));
    assertThat(TaskMachine.TABLE)
        .allSatisfy(
            row ->
                assertThat(drawn)
                    .contains(row.from().wireName() + " --> " + row.to().wireName() + ": "));
  }
}
