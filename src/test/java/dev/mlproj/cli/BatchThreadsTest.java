package dev.mlproj.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** --jobs is every thread a batch uses: what each scan gets of them. */
class BatchThreadsTest {

    @Test
    void oneJobIsOneThreadWhateverTheCores() {
        assertThat(BatchCommand.scanThreads(1, 100)).isEqualTo(1);
        assertThat(BatchCommand.scanThreads(1, 1)).isEqualTo(1);
    }

    @Test
    void aCohortLargerThanTheJobsScansOnOneThreadEach() {
        assertThat(BatchCommand.scanThreads(2, 100)).isEqualTo(1);
        assertThat(BatchCommand.scanThreads(8, 9)).isEqualTo(1);
    }

    @Test
    void spareJobsGoToTheScansOfASmallCohort() {
        assertThat(BatchCommand.scanThreads(4, 2)).isEqualTo(2);
        assertThat(BatchCommand.scanThreads(4, 1)).isEqualTo(4);
        assertThat(BatchCommand.scanThreads(5, 2)).isEqualTo(2);
        assertThat(BatchCommand.scanThreads(3, 0)).isEqualTo(3);
    }
}
