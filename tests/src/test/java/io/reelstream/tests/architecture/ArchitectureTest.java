package io.reelstream.tests.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

/**
 * The layering and coding conventions of the developer guide, checked on the compiled classes so
 * they cannot drift: job code logs instead of printing, math (every {@code model} package) stays
 * Flink-free, an {@code internal} package serves only the package above it, modules depend only
 * downwards, and no removed Flink 1.x API sneaks back in.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        // test sources reused through a module's test jar are not production
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages("io.reelstream");
    }

    @Test
    void jobAndLibraryCodeLogsInsteadOfPrinting() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
                .because("job code logs with SLF4J; only the CLI and the benchmarks print")
                .check(
                        production.that(
                                not(
                                        resideInAnyPackage(
                                                "io.reelstream.cli..",
                                                "io.reelstream.benchmarks.."))));
    }

    @Test
    void noJavaUtilLogging() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(production);
    }

    @Test
    void contractsDependOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("io.reelstream.schemas..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.reelstream.udfs..",
                        "io.reelstream.pipelines..",
                        "io.reelstream.cli..",
                        "io.reelstream.benchmarks..",
                        "io.reelstream.engine..",
                        "io.reelstream.localstack..",
                        "io.reelstream.generator..")
                .check(production);
    }

    @Test
    void udfsDoNotDependOnJobsOrTools() {
        noClasses()
                .that()
                .resideInAPackage("io.reelstream.udfs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.reelstream.pipelines..",
                        "io.reelstream.cli..",
                        "io.reelstream.benchmarks..",
                        "io.reelstream.engine..",
                        "io.reelstream.localstack..",
                        "io.reelstream.generator..")
                .check(production);
    }

    @Test
    void jobsDoNotDependOnTools() {
        noClasses()
                .that()
                .resideInAPackage("io.reelstream.pipelines..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.reelstream.cli..",
                        "io.reelstream.benchmarks..",
                        "io.reelstream.engine..",
                        "io.reelstream.localstack..",
                        "io.reelstream.generator..")
                .check(production);
    }

    @Test
    void benchmarksAndTheLocalEngineDoNotDependOnTheCli() {
        noClasses()
                .that()
                .resideInAnyPackage("io.reelstream.benchmarks..", "io.reelstream.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.reelstream.cli..")
                .because("cli depends on the benchmarks module and only dispatches to it")
                .check(production);
    }

    @Test
    void mathStaysFlinkFree() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.reelstream.udfs.mf..",
                        "io.reelstream.udfs.covisit..",
                        "io.reelstream.udfs.windows..",
                        "io.reelstream.udfs.qoe.cmcd..",
                        "io.reelstream.udfs..model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("the math is unit-tested without Flink and reused by the replay evaluator")
                .check(production);
    }

    @Test
    void internalPackagesAreUsedOnlyByTheirParentPackage() {
        classes()
                .that()
                .resideInAPackage("..internal..")
                .should(onlyBeAccessedFromTheirParentPackage())
                .because(
                        "an internal package is the machinery of the package above it (as in"
                                + " flink-connector-kafka's sink/internal)")
                .check(production);
    }

    @Test
    void noLegacyFlinkSourceOrSinkFunctions() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink.streaming.api.functions.source.legacy..",
                        "org.apache.flink.streaming.api.functions.sink.legacy..")
                .because("Flink 2.x jobs use Source and Sink V2")
                .check(production);
    }

    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirParentPackage() {
        return new ArchCondition<>("only be accessed from their parent package") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String name = internal.getPackageName();
                String parent = name.substring(0, name.indexOf(".internal"));
                for (Dependency dependency : internal.getDirectDependenciesToSelf()) {
                    String origin = dependency.getOriginClass().getPackageName();
                    if (!origin.equals(parent) && !origin.startsWith(parent + ".internal")) {
                        events.add(
                                SimpleConditionEvent.violated(
                                        dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
