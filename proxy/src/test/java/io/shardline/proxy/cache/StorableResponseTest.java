package io.shardline.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Which recorded responses may be replayed, from hand-built packets. */
class StorableResponseTest {
    /** Builds packets with sequence ids from 1. */
    private static final class Packets {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int sequence = 1;

        Packets add(int... payload) {
            out.write(payload.length);
            out.write(payload.length >> 8);
            out.write(payload.length >> 16);
            out.write(sequence++);
            for (int each : payload) {
                out.write(each);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** One column, one row "a", then the terminator given. */
    private static Packets resultThen(int... terminator) {
        return new Packets().add(1).add(3, 'd', 'e', 'f').add(1, 'a').add(terminator);
    }

    @Test
    void aResultSetEndingCleanlyIsStorableInBothEofStyles() {
        assertThat(StorableResponse.problem(resultThen(0xfe, 0, 0, 2, 0).bytes(), 1, false)).isNull();
        assertThat(StorableResponse.problem(resultThen(0xfe, 0, 0, 2, 0, 0, 0).bytes(), 1, true)).isNull();
    }

    @Test
    void warningsTransactionsMoreResultsAndSessionChangesAreNot() {
        assertThat(StorableResponse.problem(resultThen(0xfe, 1, 0, 2, 0).bytes(), 1, false)).isEqualTo("warnings");
        assertThat(StorableResponse.problem(resultThen(0xfe, 0, 0, 2, 0, 1, 0).bytes(), 1, true))
                .isEqualTo("warnings");
        assertThat(StorableResponse.problem(resultThen(0xfe, 0, 0, 3, 0).bytes(), 1, false)).as("in transaction")
                .isEqualTo("state");
        assertThat(StorableResponse.problem(resultThen(0xfe, 0, 0, 0x0a, 0).bytes(), 1, false)).as("CALL")
                .isEqualTo("state");
        assertThat(StorableResponse.problem(resultThen(0xfe, 0, 0, 2, 0x40, 0, 0).bytes(), 1, true))
                .as("session state changed").isEqualTo("state");
    }

    @Test
    void errorsOksAndBrokenRecordingsAreNot() {
        assertThat(StorableResponse.problem(new Packets().add(0xff, 0x28, 0x04).bytes(), 1, false))
                .isEqualTo("not_a_result");
        assertThat(StorableResponse.problem(new Packets().add(0, 0, 0, 2, 0, 0, 0).bytes(), 1, false))
                .isEqualTo("not_a_result");
        byte[] whole = resultThen(0xfe, 0, 0, 2, 0).bytes();
        assertThat(StorableResponse.problem(java.util.Arrays.copyOf(whole, whole.length - 2), 1, false))
                .isEqualTo("incomplete");
        assertThat(StorableResponse.problem(whole, 2, false)).as("another first sequence id").isEqualTo("incomplete");
        assertThat(StorableResponse.problem(new Packets().add(1).add(3, 'd', 'e', 'f').bytes(), 1, false))
                .isEqualTo("incomplete");
    }
}
