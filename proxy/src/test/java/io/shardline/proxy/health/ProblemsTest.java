package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void takesTheInnermostCauseOnOneLine() {
        SQLException link = new SQLException("Communications link failure\n\nThe last packet sent ...",
                new ConnectException("Connection refused"));
        SQLTransientConnectionException pool = new SQLTransientConnectionException(
                "shardline-health-primary - Connection is not available, request timed out after 1000ms", link);
        assertThat(Problems.cannotConnect(pool, Duration.ofSeconds(1))).isEqualTo("cannot connect: Connection refused");
    }

    @Test
    void aPoolTimeoutWithoutACauseSaysHowLongItWaited() {
        SQLTransientConnectionException pool = new SQLTransientConnectionException(
                "shardline-health-x - Connection is not available, request timed out after 1003ms (total=0, ...)");
        assertThat(Problems.cannotConnect(pool, Duration.ofSeconds(1)))
                .isEqualTo("cannot connect: no connection within 1000 ms");
    }

    @Test
    void aBrokenConnectionIsLostNotAFailedQuery() {
        SQLException broken = new SQLException("Communications link failure", "08S01",
                new java.io.EOFException("Can not read response from server."));
        assertThat(Problems.queryFailed(broken)).isEqualTo("connection lost: Can not read response from server.");
    }

    @Test
    void keepsAServerErrorWhole() {
        SQLException denied = new SQLException("Access denied for user 'monitor'@'127.0.0.1'\n(using password: YES)");
        assertThat(Problems.queryFailed(denied))
                .isEqualTo("check query failed: Access denied for user 'monitor'@'127.0.0.1' (using password: YES)");
    }

    @Test
    void namesTheClassWhenThereIsNoMessage() {
        assertThat(Problems.rootMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
