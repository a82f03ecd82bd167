package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No image can be built where the tests run, so the Dockerfiles are checked as text: what the
 * images are made of, whom they run as, and how the JVM starts. JvmFlagsIT runs the entrypoint.
 */
class DockerfileTest {

  static final List<String> SPRING_BOOT_LAYERS =
      List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void the_image_is_built_in_two_stages_from_pinned_jdk_and_jre_images(String service) {
    Dockerfile dockerfile = Dockerfile.read(DeployFiles.dockerfile(service));

    assertThat(dockerfile.stages()).hasSize(2);
    assertThat(dockerfile.stages().getFirst().image())
        .startsWith("eclipse-temurin:")
        .contains("-jdk");
    assertThat(dockerfile.runtime().image())
        .as("the runtime is a JRE, without build tools")
        .startsWith("eclipse-temurin:")
        .contains("-jre");
    for (Dockerfile.Stage stage : dockerfile.stages()) {
      assertThat(stage.image())
          .as("a base image is pinned to a version, never latest")
          .matches("[^:]+:\\d+[^:]*")
          .doesNotContain(":latest");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void the_build_stage_extracts_the_services_executable_jar_into_spring_boot_layers(
      String service) {
    Dockerfile.Stage build = Dockerfile.read(DeployFiles.dockerfile(service)).stages().getFirst();

    assertThat(build.last("COPY").arguments())
        .isEqualTo("tributary-" + service + "-*-exec.jar app.jar");
    assertThat(build.last("RUN").arguments())
        .isEqualTo(
            "java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void the_runtime_copies_one_image_layer_per_jar_layer_least_often_changed_first(String service) {
    Dockerfile dockerfile = Dockerfile.read(DeployFiles.dockerfile(service));

    assertThat(dockerfile.copiedLayers()).isEqualTo(SPRING_BOOT_LAYERS);
    assertThat(dockerfile.runtime().all("COPY"))
        .allSatisfy(copy -> assertThat(copy.arguments()).startsWith("--from=layers "));
    assertThat(dockerfile.runtime().all("ADD")).as("no remote downloads into the image").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void the_image_runs_as_the_numeric_non_root_user_the_deployment_runs_as(String service) {
    Dockerfile dockerfile = Dockerfile.read(DeployFiles.dockerfile(service));
    String user = dockerfile.runtime().last("USER").arguments();
    Deployment deployment =
        RenderedOverlay.render(DeployFiles.overlay("prod"))
            .named(Deployment.class, "tributary-" + service);

    assertThat(user).matches("\\d+:\\d+");
    long uid = Long.parseLong(user.substring(0, user.indexOf(':')));
    long gid = Long.parseLong(user.substring(user.indexOf(':') + 1));
    assertThat(uid).isPositive();
    var pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(pod.getRunAsUser()).isEqualTo(uid);
    assertThat(pod.getRunAsGroup()).isEqualTo(gid);
  }

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void java_is_pid_1_with_container_aware_memory_and_exit_on_out_of_memory(String service) {
    Dockerfile dockerfile = Dockerfile.read(DeployFiles.dockerfile(service));

    assertThat(dockerfile.entrypoint().getFirst()).isEqualTo("java");
    assertThat(dockerfile.mainClass())
        .isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
    assertThat(dockerfile.jvmOptions())
        .contains(
            "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
    assertThat(dockerfile.jvmOptions())
        .as("a fixed heap would ignore the container's memory limit")
        .noneMatch(option -> option.startsWith("-Xmx") || option.startsWith("-Xms"));
    assertThat(dockerfile.runtime().last("WORKDIR").arguments())
        .as("JarLauncher finds the exploded application in the working directory")
        .isEqualTo("/app");
  }

  @ParameterizedTest
  @ValueSource(strings = {"processor", "scheduler"})
  void the_exposed_ports_are_the_ports_the_deployment_declares(String service) {
    Dockerfile dockerfile = Dockerfile.read(DeployFiles.dockerfile(service));
    Deployment deployment =
        RenderedOverlay.render(DeployFiles.overlay("prod"))
            .named(Deployment.class, "tributary-" + service);

    List<String> exposed = List.of(dockerfile.runtime().last("EXPOSE").arguments().split("\\s+"));
    List<String> declared =
        RenderedOverlay.container(deployment.getSpec().getTemplate(), service).getPorts().stream()
            .map(port -> String.valueOf(port.getContainerPort()))
            .toList();
    assertThat(exposed).containsExactlyInAnyOrderElementsOf(declared);
  }

  @org.junit.jupiter.api.Test
  void both_services_start_their_jvm_the_same_way() {
    assertThat(Dockerfile.read(DeployFiles.dockerfile("scheduler")).entrypoint())
        .isEqualTo(Dockerfile.read(DeployFiles.dockerfile("processor")).entrypoint());
  }
}
