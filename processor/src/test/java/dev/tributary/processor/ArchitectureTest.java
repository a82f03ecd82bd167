package dev.tributary.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.tributary.processor",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule the_processor_does_not_depend_on_the_scheduler =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.processor..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.tributary.scheduler..")
          .because(
              "the services are deployed and scaled apart and talk through Kafka and the database"
                  + " only");

  @ArchTest
  static final ArchRule sql_stays_in_the_store =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.processor..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.tributary.store.schema..", "dev.tributary.store.internal..", "java.sql..")
          .because("every SQL statement lives in the store, one class per query family");

  @ArchTest
  static final ArchRule only_the_configuration_touches_jooq =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.processor..")
          .and()
          .doNotHaveSimpleName("ProcessorConfiguration")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.jooq..")
          .because(
              "the configuration hands the store its DSLContext; everything else calls the"
                  + " store's query classes");
}
