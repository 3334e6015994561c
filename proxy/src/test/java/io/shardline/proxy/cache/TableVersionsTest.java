package io.shardline.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableVersionsTest {
    private final TableVersions versions = new TableVersions();

    @Test
    void aStampStaysCurrentUntilOneOfItsTablesIsWritten() {
        TableVersions.Stamp stamp = versions.stamp(List.of("shop.a", "shop.b"));
        assertThat(versions.current(stamp)).isTrue();

        versions.invalidate(List.of("shop.c"));
        assertThat(versions.current(stamp)).as("another table").isTrue();

        versions.invalidate(List.of("shop.b"));
        assertThat(versions.current(stamp)).isFalse();
        assertThat(versions.current(versions.stamp(List.of("shop.a", "shop.b")))).as("a new stamp").isTrue();
    }

    @Test
    void invalidatingEverythingMakesEveryStampStale() {
        TableVersions.Stamp stamp = versions.stamp(List.of("shop.a"));
        TableVersions.Stamp none = versions.stamp(List.of());
        versions.invalidateAll();
        assertThat(versions.current(stamp)).isFalse();
        assertThat(versions.current(none)).isFalse();
    }

    @Test
    void aStampTakenBeforeAWriteIsStaleEvenWhenUsedAfterIt() {
        // The race invalidation by version closes: read starts, write commits and invalidates, read's bytes arrive.
        TableVersions.Stamp beforeWrite = versions.stamp(List.of("shop.a"));
        versions.invalidate(List.of("shop.a"));
        TableVersions.Stamp afterWrite = versions.stamp(List.of("shop.a"));
        assertThat(versions.current(beforeWrite)).isFalse();
        assertThat(versions.current(afterWrite)).isTrue();
    }
}
