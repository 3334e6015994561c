package io.shardline.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolStatsTest {

    @Test
    void plusAddsEachField() {
        assertThat(new PoolStats(3, 1, 2, 0).plus(new PoolStats(5, 2, 3, 7))).isEqualTo(new PoolStats(8, 3, 5, 7));
    }
}
