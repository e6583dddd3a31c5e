package io.monitron.indexer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.monitron.indexer.parse.NeedleSearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layering, enforced: {@code cli} → {@code app} (the wiring) → {@code pipeline} → the stages ({@code source},
 * {@code parse}, {@code transform}, {@code sink}, {@code checkpoint}), which meet only through the shared types in
 * {@code model} and the interfaces in {@code port}. Nothing on the product path imports {@code cli}, {@code bench} or
 * {@code samples}.
 */
class ArchitectureTest {
    private static final String ROOT = "io.monitron.indexer.";
    private static final String[] STAGES = {"source", "parse", "transform", "sink", "checkpoint"};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.monitron.indexer");
    }

    @ParameterizedTest(name = "{0} imports no other stage")
    @ValueSource(strings = {"source", "parse", "transform", "sink", "checkpoint"})
    void aStageImportsNoOtherStage(String stage) {
        String[] others = java.util.Arrays.stream(STAGES)
                .filter(s -> !s.equals(stage))
                .map(s -> ROOT + s + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage(ROOT + stage + "..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(others)
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(NeedleSearch.class))))
                .because("stages meet through model and port only (the filter shares the reader's byte search)")
                .check(classes);
    }

    @Test
    void theStagesAndSharedTypesDoNotReachUpwards() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        ROOT + "source..",
                        ROOT + "parse..",
                        ROOT + "transform..",
                        ROOT + "sink..",
                        ROOT + "checkpoint..",
                        ROOT + "model..",
                        ROOT + "port..",
                        ROOT + "config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + "pipeline..", ROOT + "app..", ROOT + "cli..")
                .check(classes);
    }

    @Test
    void thePipelineSeesPortsNotConcreteTargetsOrSources() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + "pipeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + "sink..", ROOT + "source..", ROOT + "checkpoint..", ROOT + "app..")
                .check(classes);
    }

    @Test
    void sharedTypesDependOnNoStage() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + "model..", ROOT + "port..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(java.util.Arrays.stream(STAGES)
                        .map(s -> ROOT + s + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    @Test
    void nothingOnTheProductPathImportsTheCommandLineTheBenchmarkOrTheSampleGenerator() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + "cli..", ROOT + "bench..", ROOT + "samples..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + "cli..", ROOT + "bench..", ROOT + "samples..")
                .check(classes);
    }
}
