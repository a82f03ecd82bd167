package dev.tributary.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.tributary.contracts",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule the_contract_depends_on_nothing_of_the_engine =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.contracts..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.tributary.core..",
              "dev.tributary.store..",
              "dev.tributary.service..",
              "dev.tributary.processor..",
              "dev.tributary.scheduler..",
              "dev.tributary.worker..",
              "org.springframework..")
          .because("every other module and every worker builds on it, in any language");
}
