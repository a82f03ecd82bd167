package dev.tributary.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.tributary.core",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule the_core_depends_on_the_contract_only =
      classes()
          .that()
          .resideInAPackage("dev.tributary.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.tributary.core..",
              "dev.tributary.contracts",
              "java..",
              "org.jspecify..",
              "tools.jackson..",
              "com.fasterxml.jackson.annotation..")
          .because(
              "the rules are tested alone, in seconds, and changed in one place: no Spring, no"
                  + " database, no Kafka (the contract's codecs included) may reach them");

  @ArchTest
  static final ArchRule the_core_packages_do_not_depend_on_each_other_in_a_cycle =
      slices()
          .matching("dev.tributary.core.(*)..")
          .should()
          .beFreeOfCycles()
          .because("state, result, template and expansion build on each other in one direction");
}
