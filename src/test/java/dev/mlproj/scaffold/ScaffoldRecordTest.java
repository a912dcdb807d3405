package dev.mlproj.scaffold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaffoldRecordTest {

    @TempDir
    Path tmp;

    @Test
    void hashesIgnoreCrlfSoAnAutocrlfCheckoutStillMatches() {
        assertThat(ScaffoldRecord.sha256("a\r\nb\r\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ScaffoldRecord.sha256("a\nb\n".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(ScaffoldRecord.sha256("a\nb".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void roundTripsAndTellsUntouchedFilesFromEditedOnes() throws Exception {
        List<PlannedFile> files = List.of(
                new PlannedFile("Dockerfile", "FROM x\n".getBytes(StandardCharsets.UTF_8), "level3/base/Dockerfile", List.of()),
                new PlannedFile("pkg/service.py", "app = 1\n".getBytes(StandardCharsets.UTF_8), "shared/x", List.of()),
                new PlannedFile("gone.txt", "g".getBytes(StandardCharsets.UTF_8), "x", List.of()));
        for (PlannedFile f : files.subList(0, 2)) {
            Files.createDirectories(tmp.resolve(f.path()).getParent());
            Files.write(tmp.resolve(f.path()), f.content());
        }
        Files.createDirectories(tmp.resolve(".mlproj"));
        Files.write(tmp.resolve(ScaffoldRecord.PATH), ScaffoldRecord.of(files, "new --level 3").toJson("mlproj test"));

        ScaffoldRecord read = ScaffoldRecord.read(tmp);
        assertThat(read.files()).hasSize(3);
        assertThat(read.untouched(tmp)).containsExactly("Dockerfile", "pkg/service.py");

        Files.writeString(tmp.resolve("pkg/service.py"), "app = 2  # my own\n");
        assertThat(ScaffoldRecord.read(tmp).untouched(tmp)).containsExactly("Dockerfile");
    }

    @Test
    void aMangledRecordIsAnErrorNamingTheFile() throws Exception {
        Files.createDirectories(tmp.resolve(".mlproj"));
        Files.writeString(tmp.resolve(ScaffoldRecord.PATH), "{\"files\": [{\"path\": \"../etc/passwd\", \"sha256\": \"x\"}]}");
        assertThatThrownBy(() -> ScaffoldRecord.read(tmp)).hasMessageContaining(ScaffoldRecord.PATH);
        Files.writeString(tmp.resolve(ScaffoldRecord.PATH), "{not json");
        assertThatThrownBy(() -> ScaffoldRecord.read(tmp)).hasMessageContaining("not valid JSON");
        assertThat(ScaffoldRecord.read(tmp.resolve("nowhere")).files()).isEmpty();
    }

    /** The record is the judged repository's own file: its paths may point anywhere, so hashing stays inside. */
    @Test
    void aHostileRecordCannotMakeAssessReadOutsideTheRepository(@TempDir Path outside) throws Exception {
        byte[] secret = "root:x:0:0\n".getBytes(StandardCharsets.UTF_8);
        Files.write(outside.resolve("passwd"), secret);
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createSymbolicLink(repo.resolve("etc"), outside);
        ScaffoldRecord guessed = ScaffoldRecord.of(List.of(new PlannedFile("etc/passwd", secret, "guess", List.of())), "new");
        assertThat(guessed.untouched(repo)).isEmpty();

        Files.createDirectories(repo.resolve(".mlproj"));
        Files.write(repo.resolve(ScaffoldRecord.PATH), guessed.toJson("t"));
        assertThat(ScaffoldRecord.read(repo).untouched(repo)).isEmpty();
    }

    @Test
    void anOversizedRecordIsRefusedUnread() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo/.mlproj"));
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(repo.resolve("scaffold.json").toFile(), "rw")) {
            sparse.setLength(ScaffoldRecord.MAX_RECORD_BYTES + 1);
        }
        assertThatThrownBy(() -> ScaffoldRecord.read(tmp.resolve("repo"))).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("over the 4194304-byte limit for a scaffold record");
    }
}
