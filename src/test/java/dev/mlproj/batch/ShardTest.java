package dev.mlproj.batch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    @Test
    void parsesKOfN() {
        assertThat(Shard.parse("2/8")).isEqualTo(new Shard(2, 8));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.ALL);
        assertThat(Shard.parse("3/8").label()).isEqualTo("shard-3-of-8");
        assertThat(Shard.parse("3/8")).hasToString("3/8");
    }

    @Test
    void rejectsWhatIsNotKOfN() {
        assertThatThrownBy(() -> Shard.parse("0/2")).hasMessage("'0/2': K must be between 1 and 2");
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessage("'3/2': K must be between 1 and 2");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessage("'1/0': N must be at least 1");
        assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("is not K/N");
        assertThatThrownBy(() -> Shard.parse("-1/2")).hasMessageContaining("is not K/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("is not K/N");
    }

    @Test
    void shardsPartitionTheRowsByIndexModN() {
        List<BatchEntry> entries = IntStream.range(0, 23).mapToObj(i -> new BatchEntry(i, i + 2, "r" + i, "/r/" + i, "")).toList();
        List<BatchEntry> union = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            List<BatchEntry> shard = new Shard(k, 4).select(entries);
            int expectedFirst = k - 1;
            assertThat(shard.get(0).index()).isEqualTo(expectedFirst);
            assertThat(shard).allMatch(e -> e.index() % 4 == expectedFirst);
            union.addAll(shard);
        }
        assertThat(union).hasSize(23).containsExactlyInAnyOrderElementsOf(entries);
        assertThat(Shard.ALL.select(entries)).isEqualTo(entries);
    }
}
