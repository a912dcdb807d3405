package dev.mlproj.scaffold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectNameTest {

    @Test
    void derivesAnImportablePackageAndATitle() {
        ProjectName p = ProjectName.parse("Churn-Model.v2");
        assertThat(p.pkg()).isEqualTo("churn_model_v2");
        assertThat(p.title()).isEqualTo("Churn Model V2");
        assertThat(ProjectName.parse("fraud__detector").pkg()).isEqualTo("fraud_detector");
    }

    @Test
    void derivesADnsLabelForClusterAndImageNames() {
        assertThat(ProjectName.parse("Churn_Model.v2").slug()).isEqualTo("churn-model-v2");
        assertThat(ProjectName.parse("fraud--").slug()).isEqualTo("fraud");
        String longName = "a" + "b".repeat(45) + "_x";
        assertThat(ProjectName.parse(longName).slug()).hasSize(40).matches("[a-z][a-z0-9-]*[a-z0-9]");
        assertThat(ProjectName.parse("a" + "b".repeat(38) + "-c").slug()).isEqualTo("a" + "b".repeat(38));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "../x", "/abs", "a/b", "a\\b", ".", "..", "1model", "-x", "con", "NUL.txt",
            "test", "tests", "pandas", "import", "my project", "sqlite3", "hashlib", "csv", "shutil", "uuid", "kafka", "torch", "requests",
            "asyncio", "tomllib", "Zoneinfo", "cv2", "xgboost", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde"})
    void refusesUnsafeOrReservedNames(String name) {
        assertThatThrownBy(() -> ProjectName.parse(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NAME");
    }
}
