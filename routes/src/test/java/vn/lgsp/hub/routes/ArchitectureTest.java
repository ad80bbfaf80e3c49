package vn.lgsp.hub.routes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of the modules: hub-core is plain Java; connectors do not know the application. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.lgsp.hub");
    }

    @Test
    void hubCoreUsesNoSpringAndNoCamel() {
        noClasses().that().resideInAPackage("vn.lgsp.hub.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..")
                .because("hub-core is the plain-Java domain every other module builds on")
                .check(classes);
    }

    @Test
    void hubCoreDoesNotDependOnOuterModules() {
        noClasses().that().resideInAPackage("vn.lgsp.hub.core..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.lgsp.hub.connectors..", "vn.lgsp.hub.routes..")
                .check(classes);
    }

    @Test
    void connectorsDoNotDependOnRoutes() {
        noClasses().that().resideInAPackage("vn.lgsp.hub.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.lgsp.hub.routes..")
                .check(classes);
    }

    @Test
    void rulesSeeAllModules() {
        org.assertj.core.api.Assertions.assertThat(classes.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("vn.lgsp.hub.core"))
                .anyMatch(p -> p.startsWith("vn.lgsp.hub.connectors"))
                .anyMatch(p -> p.startsWith("vn.lgsp.hub.routes"));
    }
}
