package org.torchplan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The house rules, read from the compiled classes' real dependencies (fields, signatures, calls, annotations),
 * not from import lines.
 *
 * <p>The pure core (packaging, backend, the catalog model, the plain fleet policy and the planner) knows nothing of
 * Spring, the network, files, the clock, the live catalog or the index client: a plan is a function of (catalog
 * snapshot, request, policy), testable without fakes and safe to compute on any replica.
 */
class ArchitectureTest {

    private static final String[] PURE = {
        "org.torchplan.packaging..", "org.torchplan.backend..", "org.torchplan.catalog.model..",
        "org.torchplan.plan..", "org.torchplan.policy", "org.torchplan.resolve.."
    };

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTest::isWrittenByHand)
            .importPackages("org.torchplan");

    /**
     * Not the bean definitions Spring AOT writes next to each configuration ({@code PypiConfiguration__BeanDefinitions}):
     * they are Spring by design, and a build that packaged once leaves them in target/classes for the next test run.
     */
    private static boolean isWrittenByHand(com.tngtech.archunit.core.importer.Location location) {
        return !location.contains("__") && !location.contains("$$SpringCGLIB$$");
    }

    @Test
    void thePureCoreUsesNoFrameworkNetworkFilesOrProcesses() {
        // java.net.URI is a value (the policy checks its mirror URLs with it); every other java.net class talks to
        // the network. An in-memory memo (Caffeine, in the planner's InstallableFiles) is derived data, not I/O.
        check(noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework..", "okhttp3..", "okio..", "io.micrometer..", "java.nio.file..", "java.sql..")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.net\\.(?!URI$).*")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|Reader|Writer|InputStream|OutputStream|RandomAccessFile).*")
                .orShould().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Process.class, Thread.class));
    }

    @Test
    void thePureCoreReadsNoClock() {
        check(noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat().belongToAnyOf(Clock.class)
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class));
    }

    @Test
    void thePureCoreKnowsNothingOfTheLiveCatalogTheIndexClientStorageOrTheWeb() {
        check(noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat().resideInAnyPackage(
                "org.torchplan.catalog", "org.torchplan.catalog.live..", "org.torchplan.catalog.index..",
                "org.torchplan.catalog.storage..", "org.torchplan.api..", "org.torchplan.system..",
                "org.torchplan.policy.binding.."));
    }

    @Test
    void theResolverReadsOnlyThePackagingCoreAndTheCatalogModel() {
        // the planner hands it a ProjectSource; which index or snapshot stands behind one is not the resolver's business
        check(classes().that().resideInAPackage("org.torchplan.resolve..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.torchplan.resolve..", "org.torchplan.packaging..",
                        "org.torchplan.catalog.model..", "java.."));
    }

    @Test
    void packagingAndBackendStandAlone() {
        check(noClasses().that().resideInAnyPackage("org.torchplan.packaging..", "org.torchplan.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("org.torchplan.catalog..", "org.torchplan.plan..",
                        "org.torchplan.policy..", "org.torchplan.api..", "org.torchplan.system.."));
    }

    @Test
    void theIndexClientAndStorageUseNoSpringAndNoLiveCatalog() {
        check(noClasses().that().resideInAnyPackage("org.torchplan.catalog.index..", "org.torchplan.catalog.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "org.torchplan.catalog.live..", "org.torchplan.api..", "org.torchplan.plan.."));
    }

    @Test
    void onlyTheEdgesReachTheLiveCatalog() {
        check(noClasses().that().resideInAnyPackage("org.torchplan.catalog.live..").should().dependOnClassesThat()
                .resideInAnyPackage("org.torchplan.api..", "org.torchplan.plan.."));
    }

    /** The PyPI reader is an edge like the live catalog; only its configuration knows Spring. */
    @Test
    void thePypiReaderKnowsNoWebNoPlannerAndSpringOnlyInItsConfiguration() {
        check(noClasses().that().resideInAnyPackage("org.torchplan.pypi..").should().dependOnClassesThat()
                .resideInAnyPackage("org.torchplan.api..", "org.torchplan.plan.."));
        check(noClasses().that().resideInAnyPackage("org.torchplan.pypi..")
                .and().doNotHaveSimpleName("PypiConfiguration").and().doNotHaveSimpleName("PypiProperties")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.."));
    }

    private static void check(ArchRule rule) {
        rule.check(MAIN);
    }
}
