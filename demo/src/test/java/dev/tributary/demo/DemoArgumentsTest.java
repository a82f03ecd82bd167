package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoArgumentsTest {

  @Test
  void no_arguments_run_a_hundred_tasks_on_any_free_port_and_exit() throws UsageException {
    DemoArguments arguments = DemoArguments.parse();

    assertThat(arguments).isEqualTo(new DemoArguments(100, 0, false, 0, false, false));
  }

  @Test
  void serving_listens_on_8080_unless_a_port_is_given() throws UsageException {
    assertThat(DemoArguments.parse("--serve").apiPort()).isEqualTo(8080);
    assertThat(DemoArguments.parse("--serve", "--port=9000").apiPort()).isEqualTo(9000);
    assertThat(DemoArguments.parse("--serve", "--port", "0").apiPort()).isZero();
  }

  @Test
  void values_follow_an_equals_sign_or_come_as_the_next_argument() throws UsageException {
    assertThat(DemoArguments.parse("--tasks=7").tasks()).isEqualTo(7);
    assertThat(DemoArguments.parse("--tasks", "7", "--verbose").tasks()).isEqualTo(7);
    assertThat(DemoArguments.parse("--tasks=0").tasks()).isZero();
    assertThat(DemoArguments.parse("--verbose").verbose()).isTrue();
    assertThat(DemoArguments.parse("-h").help()).isTrue();
    assertThat(DemoArguments.parse("--tasks=7", "--invalid-orders=2").invalidOrders()).isEqualTo(2);
  }

  @Test
  void more_invalid_orders_than_tasks_is_refused() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=3", "--invalid-orders=4"))
        .hasMessage("--invalid-orders=4 is more than the 3 tasks submitted");
  }

  @Test
  void a_task_count_that_is_not_a_number_is_refused_with_what_was_given() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=lots"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--tasks must be a whole number, was 'lots'");
  }

  @Test
  void a_task_count_out_of_range_is_refused_with_the_range() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=-1"))
        .hasMessage("--tasks must be between 0 and 1000000, was -1");
    assertThatThrownBy(() -> DemoArguments.parse("--port=70000"))
        .hasMessage("--port must be between 0 and 65535, was 70000");
  }

  @Test
  void an_option_without_its_value_says_how_to_give_one() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks"))
        .hasMessage("--tasks needs a value, e.g. --tasks=10");
    assertThatThrownBy(() -> DemoArguments.parse("--tasks", "--serve"))
        .hasMessage("--tasks needs a value, e.g. --tasks=10");
  }

  @Test
  void unknown_options_stray_arguments_repeats_and_values_on_flags_are_refused() {
    assertThatThrownBy(() -> DemoArguments.parse("--task=5")).hasMessage("unknown option --task");
    assertThatThrownBy(() -> DemoArguments.parse("100"))
        .hasMessage("unexpected argument '100' (options start with --)");
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=1", "--tasks=2"))
        .hasMessage("--tasks is given twice");
    assertThatThrownBy(() -> DemoArguments.parse("--serve=yes"))
        .hasMessage("--serve takes no value");
  }

  @Test
  void the_usage_names_every_option() {
    assertThat(DemoArguments.USAGE)
        .contains(
            "--tasks=N",
            "--invalid-orders=N",
            "--serve",
            "--port=N",
            "--verbose",
            "--help",
            "default 100");
  }
}
