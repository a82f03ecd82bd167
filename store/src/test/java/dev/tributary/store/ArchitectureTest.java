package dev.tributary.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.tributary.store",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule the_store_knows_no_framework_or_broker =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "org.apache.kafka..")
          .because(
              "the store is SQL and nothing else: the services wire it, and bench and tests use it"
                  + " without Spring");

  @ArchTest
  static final ArchRule the_store_takes_its_rules_from_the_core_and_not_from_the_services =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.tributary.processor..", "dev.tributary.scheduler..", "dev.tributary.service..")
          .because("the services depend on the store, never the reverse");
}
