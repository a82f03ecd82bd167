package dev.tributary.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.tributary.worker",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_does_not_need_optional_dependencies =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.tributary.worker.internal.spring..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "io.micrometer..")
          .because(
              "Spring and Micrometer are optional dependencies: a plain Java worker must load"
                  + " without them");

  @ArchTest
  static final ArchRule only_the_auto_configuration_uses_the_spring_wiring =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.tributary.worker.internal.spring..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.tributary.worker.internal.spring..")
          .because("Spring Boot finds it through AutoConfiguration.imports; nothing else may");

  @ArchTest
  static final ArchRule the_runtime_does_not_use_the_client_facing_worker =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.worker.internal")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.tributary.worker.TributaryWorker")
          .because("TributaryWorker wraps the runtime; the reverse would be a cycle");

  @ArchTest
  static final ArchRule the_worker_library_knows_nothing_of_the_services =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.worker..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.tributary.processor..",
              "dev.tributary.scheduler..",
              "dev.tributary.store..",
              "dev.tributary.service..",
              "dev.tributary.core..")
          .because(
              "workers are written against the wire contract alone; a worker in Java must not"
                  + " pull in the engine");
}
