package dev.smelt.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md: workflow code is replayed, so it sees contracts only: no DJL, Beam, files or clocks. */
class WorkflowsStayDeterministicTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.smelt.workflows");

  @Test
  void workflowModuleSeesNoDjlBeamOrSmeltImplementations() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "org.apache.beam..", "org.apache.parquet..",
            "dev.smelt.activities..", "dev.smelt.pipeline..", "dev.smelt.infra..")
        .check(classes);
  }

  @Test
  void workflowModuleTouchesNoFilesThreadsOrWallClock() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.io..", "java.net..")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .check(classes);
  }

  @Test
  void classesAreActuallyImported() {
    // Guards the two rules above against passing vacuously on an empty import.
    org.junit.jupiter.api.Assertions.assertTrue(
        classes.contain("dev.smelt.workflows.run.TrainingRunImpl"));
  }
}
