package io.shardline.proxy.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;

class ScramblesTest {

    @RepeatedTest(50)
    void twentyPrintableSafeBytesWithoutNulOrDollar() {
        byte[] scramble = Scrambles.next();

        assertThat(scramble).hasSize(20);
        for (byte each : scramble) {
            assertThat(each).isBetween((byte) 1, (byte) 0x7f).isNotEqualTo((byte) '$');
        }
    }
}
