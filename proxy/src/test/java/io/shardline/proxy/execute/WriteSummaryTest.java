package io.shardline.proxy.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.session.Session;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriteSummaryTest {

    private static OkPacket ok(long affected, long insertId, int warnings, String info) {
        return new OkPacket(OkPacket.HEADER, affected, insertId, ServerStatus.AUTOCOMMIT, warnings,
                info.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    @Test
    void countsAndInfoNumbersAreAddedUp() {
        WriteSummary summary = new WriteSummary();
        summary.add(ok(2, 0, 1, "Rows matched: 3  Changed: 2  Warnings: 1"));
        summary.add(ok(5, 0, 0, "Rows matched: 5  Changed: 5  Warnings: 0"));
        summary.add(ok(0, 0, 0, "Rows matched: 0  Changed: 0  Warnings: 0"));
        OkPacket combined = summary.ok(new Session(1, "127.0.0.1"));
        assertThat(combined.affectedRows()).isEqualTo(7);
        assertThat(combined.warnings()).isEqualTo(1);
        assertThat(new String(combined.info(), StandardCharsets.UTF_8))
                .isEqualTo("Rows matched: 8  Changed: 7  Warnings: 1");
    }

    @Test
    void theFirstInsertIdIsKeptAndDifferentTextsAreDropped() {
        WriteSummary summary = new WriteSummary();
        summary.add(ok(1, 0, 0, ""));
        summary.add(ok(1, 41, 0, "Records: 1"));
        summary.add(ok(1, 44, 0, ""));
        OkPacket combined = summary.ok(new Session(1, "127.0.0.1"));
        assertThat(combined.lastInsertId()).isEqualTo(41);
        assertThat(combined.info()).isEmpty();
    }

    @Test
    void numbersAreAddedPositionByPosition() {
        assertThat(WriteSummary.addNumbers("Records: 2  Duplicates: 0  Warnings: 0",
                "Records: 30  Duplicates: 1  Warnings: 2")).isEqualTo("Records: 32  Duplicates: 1  Warnings: 2");
        assertThat(WriteSummary.addNumbers("Records: 2", "Rows matched: 2")).isNull();
    }
}
