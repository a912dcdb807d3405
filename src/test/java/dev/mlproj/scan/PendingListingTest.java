package dev.mlproj.scan;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingListingTest {

    @TempDir
    Path dir;

    @Test
    void aListingMadeInTheBackgroundIsTheOneMadeInTheCaller() throws Exception {
        Path repo = FixtureRepo.git(dir.resolve("repo")).copy(Path.of("examples/level2-churn-pipeline")).commit("import").root();
        Scanner scanner = new Scanner();
        List<RepoFile> inCaller;
        try (Scanner.Listing listing = new PendingListing(scanner, repo).get()) {
            inCaller = listing.files();
        }
        try (Scanner.Listing listing = new PendingListing(scanner, repo).startInBackground().get()) {
            assertThat(listing.files()).isEqualTo(inCaller).isNotEmpty();
        }
    }

    @Test
    void aListingNobodyTakesIsClosed() throws Exception {
        Path repo = FixtureRepo.git(dir.resolve("repo")).copy(Path.of("examples/level2-churn-pipeline")).commit("import").root();
        PendingListing pending = new PendingListing(new Scanner(), repo);
        Scanner.Listing listing = pending.get();
        pending.abandon();
        assertThat(listing.isClosed()).isTrue();
        listing.close(); // a second close is harmless
        assertThat(listing.isClosed()).isTrue();
    }

    @Test
    void aDirectoryThatCannotBeListedIsReportedToTheCaller() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a directory");
        PendingListing pending = new PendingListing(new Scanner(), file).startInBackground();
        assertThatThrownBy(pending::get).isInstanceOf(ScanException.class).hasMessageContaining("not a directory");
    }
}
