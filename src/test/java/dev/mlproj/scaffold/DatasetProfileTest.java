package dev.mlproj.scaffold;

import dev.mlproj.scaffold.DatasetProfile.Kind;
import dev.mlproj.scaffold.DatasetProfile.Role;
import dev.mlproj.scaffold.DatasetProfile.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetProfileTest {

    @TempDir
    Path tmp;

    private static final Path DATASETS = Path.of("src/test/resources/datasets");

    @Test
    void infersEveryKindOfColumnAndTheTaskOfEachDataset() throws Exception {
        DatasetProfile customers = DatasetProfile.read(DATASETS.resolve("customers.csv"), "churned", null, null);
        assertThat(customers.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(customers.column("customer_id").role()).isEqualTo(Role.IDENTIFIER);
        assertThat(customers.column("plan").kind()).isEqualTo(Kind.CATEGORICAL);
        assertThat(customers.column("plan").categories()).containsExactly("basic", "plus", "pro");
        assertThat(customers.column("autopay").kind()).isEqualTo(Kind.BOOLEAN);
        assertThat(customers.column("last_login").kind()).isEqualTo(Kind.DATETIME);
        assertThat(customers.column("monthly_spend").missing()).isPositive();
        assertThat(customers.column("tenure_months").min()).isEqualTo(1.0);

        DatasetProfile houses = DatasetProfile.read(DATASETS.resolve("houses.csv"), "price", null, null);
        assertThat(houses.task()).isEqualTo(Task.REGRESSION);
        assertThat(houses.column("description").kind()).isEqualTo(Kind.TEXT);
        assertThat(houses.column("description").role()).isEqualTo(Role.FEATURE);

        DatasetProfile sales = DatasetProfile.read(DATASETS.resolve("daily_sales.csv"), "sales", null, null);
        assertThat(sales.task()).isEqualTo(Task.FORECAST);
        assertThat(sales.timeColumn()).isEqualTo("date");
        assertThat(sales.column("date").role()).isEqualTo(Role.TIME);
        assertThat(DatasetProfile.read(DATASETS.resolve("daily_sales.csv"), "sales", Task.REGRESSION, null).timeColumn()).isNull();
    }

    @Test
    void forecastWithSeveralDateColumnsNeedsTheTimeColumnFlag() throws Exception {
        StringBuilder text = new StringBuilder("opened,closed,amount\n");
        for (int i = 0; i < 40; i++) {
            text.append(String.format("2024-01-%02d,2024-02-%02d,%d.5%n", i % 28 + 1, i % 28 + 1, i * 7 % 13));
        }
        Path file = tmp.resolve("two-dates.csv");
        Files.writeString(file, text);
        assertThatThrownBy(() -> DatasetProfile.read(file, "amount", Task.FORECAST, null))
                .hasMessageContaining("--time-column").hasMessageContaining("opened, closed");
        assertThat(DatasetProfile.read(file, "amount", Task.FORECAST, "closed").timeColumn()).isEqualTo("closed");
    }

    @Test
    void columnNamesThatAreNotPythonIdentifiersBecomeSafeLiteralsAndFields() throws Exception {
        StringBuilder text = new StringBuilder("\"class\",\"he said \"\"hi\"\"\",\"back\\slash\",target\n");
        for (int i = 0; i < 40; i++) {
            text.append(i).append(",a").append(i % 3).append(',').append(i * 1.5).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path file = tmp.resolve("odd.csv");
        Files.writeString(file, text);
        DatasetProfile profile = DatasetProfile.read(file, "target", null, null);
        Map<String, Object> vars = DatasetSkeleton.variables(profile, 3);
        assertThat(vars.get("targetLiteral")).isEqualTo("\"target\"");
        assertThat(PythonLiteral.of("he said \"hi\"")).isEqualTo("\"he said \\\"hi\\\"\"");
        assertThat(PythonLiteral.of("back\\slash")).isEqualTo("\"back\\\\slash\"");
        assertThat(vars.get("inputFields").toString()).contains("field=class_").contains("field=he_said_hi").contains("field=back_slash");
    }
}
