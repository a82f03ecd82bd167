package dev.tributary.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.tributary.service",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule what_the_services_share_knows_neither_service =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.tributary.processor..", "dev.tributary.scheduler..")
          .because("both services depend on it; it depending on one would couple them");

  @ArchTest
  static final ArchRule it_writes_no_sql =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.tributary.store.schema..", "dev.tributary.store.internal..")
          .because("every SQL statement lives in the store, one class per query family");
}
