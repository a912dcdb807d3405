package dev.mlproj.assess;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.mlproj.testing.Assess.assess;
import static dev.mlproj.testing.Assess.outcome;
import static org.assertj.core.api.Assertions.assertThat;

/** What makes a repository an ML or data-science project at all: the work, in whatever language or service it is done. */
class MlProjectGateTest {

    private static final String LAYOFFS = "company,location,industry,total_laid_off,date\nAcme, NY,Tech,100,3/6/2023\n";

    @Test
    void sqlCleaningAndExplorationOfADatasetIsDataScienceWork(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("layoffs.csv", LAYOFFS)
                .file("cleaning.sql", """
                        CREATE TABLE staging LIKE layoffs;
                        WITH dup AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY company, location, `date`) AS n FROM staging)
                        DELETE FROM staging WHERE company IN (SELECT company FROM dup WHERE n > 1);
                        UPDATE staging SET company = TRIM(company);
                        UPDATE staging SET `date` = STR_TO_DATE(`date`, '%m/%d/%Y');
                        SELECT * FROM staging WHERE total_laid_off IS NULL;
                        """)
                .file("eda.sql", """
                        SELECT company, SUM(total_laid_off) FROM staging GROUP BY company ORDER BY 2 DESC;
                        SELECT industry, SUM(total_laid_off) FROM staging GROUP BY industry;
                        SELECT YEAR(`date`), SUM(total_laid_off) FROM staging GROUP BY YEAR(`date`);
                        """)
                .commit("sql eda");

        Assessment a = assess(dir);

        assertThat(a.mlProject()).isTrue();
        assertThat(a.level()).isEqualTo(1);
    }

    @Test
    void anApplicationsMigrationsAreNotDataScience(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("app.py", "from flask import Flask\napp = Flask(__name__)\n")
                .file("migrations/001.sql", """
                        CREATE TABLE users (id INT PRIMARY KEY, name TEXT);
                        ALTER TABLE users ADD COLUMN email TEXT;
                        UPDATE users SET email = COALESCE(email, '');
                        DELETE FROM users WHERE email IS NULL;
                        SELECT COUNT(*) FROM users GROUP BY name;
                        """)
                .commit("app");

        assertThat(assess(dir).mlProject()).isFalse();
    }

    @Test
    void aModelTrainedByAutoMlIsTrained(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train_model.py", """
                        from google.cloud import automl_v1beta1 as automl

                        def train(project, region, dataset_id, name):
                            client = automl.AutoMlClient()
                            model = {"display_name": name, "dataset_id": dataset_id}
                            return client.create_model(client.location_path(project, region), model).result()
                        """)
                .commit("automl");

        Assessment a = assess(dir);

        assertThat(a.mlProject()).isTrue();
        assertThat(outcome(a, "L1-trains-model")).isEqualTo(Outcome.MET);
    }

    @Test
    void aBigQueryMlModelIsTrained(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("sql/train.sql", """
                        CREATE OR REPLACE MODEL `shop.churn_model`
                        OPTIONS (model_type = 'logistic_reg', input_label_cols = ['churned']) AS
                        SELECT * FROM `shop.features`;
                        """)
                .commit("bqml");

        Assessment a = assess(dir);

        assertThat(a.mlProject()).isTrue();
        assertThat(outcome(a, "L1-trains-model")).isEqualTo(Outcome.MET);
    }
}
