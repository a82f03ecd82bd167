package dev.tributary.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KitArgumentsTest {

  @Test
  void defaults_need_only_the_bootstrap_servers() throws UsageException {
    KitArguments arguments = KitArguments.parse("--bootstrap=kafka:9092");

    assertThat(arguments.bootstrap()).isEqualTo("kafka:9092");
    assertThat(arguments.namespace()).isEqualTo("conformance");
    assertThat(arguments.topicPrefix()).isEmpty();
    assertThat(arguments.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(arguments.rules()).isEmpty();
    assertThat(arguments.commandConfig()).isNull();
  }

  @Test
  void every_option_is_read() throws UsageException {
    KitArguments arguments =
        KitArguments.parse(
            "--bootstrap=a:1,b:2",
            "--namespace=orders",
            "--topic-prefix=staging.",
            "--timeout=90",
            "--rules=keys, success");

    assertThat(arguments.namespace()).isEqualTo("orders");
    assertThat(arguments.topicPrefix()).isEqualTo("staging.");
    assertThat(arguments.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(arguments.rules()).containsExactly("keys", "success");
  }

  @Test
  void bad_command_lines_are_named() {
    assertThatThrownBy(() -> KitArguments.parse("--namespace=x"))
        .hasMessageContaining("--bootstrap is required");
    assertThatThrownBy(() -> KitArguments.parse("--bootstrap=k:1", "--namespace=Orders"))
        .hasMessageContaining("--namespace must match");
    assertThatThrownBy(() -> KitArguments.parse("--bootstrap=k:1", "--timeout=0"))
        .hasMessageContaining("--timeout must be");
    assertThatThrownBy(() -> KitArguments.parse("--bootstrap=k:1", "--command-config=/nonexistent"))
        .hasMessageContaining("cannot read");
    assertThatThrownBy(() -> KitArguments.parse("--bootstrap=k:1", "--bootstrap=k:2"))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> KitArguments.parse("--bootstrap=k:1", "--verbose"))
        .hasMessageContaining("unknown option --verbose");
  }

  @Test
  void an_unknown_rule_is_a_usage_error_listing_the_rules() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ConformanceKit.run(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--bootstrap=k:1",
            "--rules=keys,speed");

    assertThat(exit).isEqualTo(ConformanceKit.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("[speed]").contains("trace_context");
  }
}
