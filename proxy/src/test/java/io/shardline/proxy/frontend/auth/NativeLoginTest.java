package io.shardline.proxy.frontend.auth;

import static io.shardline.proxy.frontend.auth.LoginFixture.HOST;
import static io.shardline.proxy.frontend.auth.LoginFixture.nativeAnswer;
import static io.shardline.proxy.frontend.auth.LoginFixture.sha2Answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.config.PasswordHash;
import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.auth.CachingSha2Password;
import io.shardline.proxy.protocol.auth.NativePassword;
import org.junit.jupiter.api.Test;

/** mysql_native_password logins, plugin switches, unknown users. */
class NativeLoginTest {
    private final LoginFixture fixture = new LoginFixture(NativePassword.PLUGIN);
    private final UserSpec alice = fixture.addUser("alice", PasswordHash.nativeHashOf("secret"), null);

    @Test
    void rightPassword() {
        AuthExchange exchange = fixture.exchange("alice", false);

        AuthStep step = exchange.start(NativePassword.PLUGIN, nativeAnswer("secret", exchange.scramble()));

        assertThat(step).isEqualTo(new AuthStep.Success(alice, false));
    }

    @Test
    void clientWithoutPluginAuthIsTakenAsNative() {
        AuthExchange exchange = fixture.exchange("alice", false);

        assertThat(exchange.start(null, nativeAnswer("secret", exchange.scramble())))
                .isEqualTo(new AuthStep.Success(alice, false));
    }

    @Test
    void wrongPassword() {
        AuthExchange exchange = fixture.exchange("alice", false);

        AuthStep step = exchange.start(NativePassword.PLUGIN, nativeAnswer("Secret", exchange.scramble()));

        assertDenied(step, "alice", "YES");
    }

    @Test
    void emptyPasswordForAUserWhoHasOne() {
        AuthExchange exchange = fixture.exchange("alice", false);

        assertDenied(exchange.start(NativePassword.PLUGIN, new byte[0]), "alice", "NO");
    }

    @Test
    void userWithAnEmptyPasswordSendsNothing() {
        UserSpec guest = fixture.addUser("guest", PasswordHash.nativeHashOf(""), null);
        AuthExchange exchange = fixture.exchange("guest", false);

        assertThat(exchange.start(NativePassword.PLUGIN, new byte[0])).isEqualTo(new AuthStep.Success(guest, false));
    }

    @Test
    void userWithAnEmptyPasswordRefusesANonEmptyOne() {
        fixture.addUser("guest", PasswordHash.nativeHashOf(""), null);
        AuthExchange exchange = fixture.exchange("guest", false);

        assertDenied(exchange.start(NativePassword.PLUGIN, nativeAnswer("x", exchange.scramble())), "guest", "YES");
    }

    /**
     * The switch carries the connection's own scramble (as MySQL does): Connector/J keeps using the scramble it
     * has during COM_CHANGE_USER, whatever the request says.
     */
    @Test
    void clientStartingWithTheOtherPluginIsSwitchedWithTheConnectionsScramble() {
        AuthExchange exchange = fixture.exchange("alice", false);
        byte[] first = exchange.scramble();

        AuthStep step = exchange.start(CachingSha2Password.PLUGIN, sha2Answer("secret", first));

        assertThat(step).isInstanceOfSatisfying(AuthStep.SwitchPlugin.class, change -> {
            assertThat(change.plugin()).isEqualTo(NativePassword.PLUGIN);
            assertThat(change.scramble()).hasSize(20).isEqualTo(first);
        });
        assertThat(exchange.next(nativeAnswer("secret", first))).isEqualTo(new AuthStep.Success(alice, false));
    }

    @Test
    void afterASwitchAWrongPasswordIsStillDenied() {
        AuthExchange exchange = fixture.exchange("alice", false);
        byte[] first = exchange.scramble();
        exchange.start(CachingSha2Password.PLUGIN, sha2Answer("secret", first));

        assertDenied(exchange.next(nativeAnswer("wrong", first)), "alice", "YES");
    }

    @Test
    void unknownUserGetsMySqlsAccessDenied() {
        AuthExchange exchange = fixture.exchange("x", false);

        AuthStep step = exchange.start(NativePassword.PLUGIN, nativeAnswer("whatever", exchange.scramble()));

        assertThat(step).isInstanceOfSatisfying(AuthStep.Failure.class, failure ->
                assertThat(failure.error()).isEqualTo(new ErrPacket(1045, "28000",
                        "Access denied for user 'x'@'" + HOST + "' (using password: YES)")));
    }

    @Test
    void unknownUserWithoutPassword() {
        assertDenied(fixture.exchange("nobody", false).start(NativePassword.PLUGIN, new byte[0]), "nobody", "NO");
    }

    @Test
    void nothingMoreIsAcceptedOnceTheExchangeEnded() {
        AuthExchange exchange = fixture.exchange("alice", false);
        exchange.start(NativePassword.PLUGIN, nativeAnswer("secret", exchange.scramble()));

        assertThat(exchange.next(nativeAnswer("secret", exchange.scramble())))
                .isInstanceOfSatisfying(AuthStep.Failure.class, failure -> {
                    assertThat(failure.error().code()).isEqualTo(1043);
                    assertThat(failure.error().sqlState()).isEqualTo("08S01");
                });
    }

    @Test
    void usersAreLookedUpAtEachLogin() {
        fixture.users.remove("alice");
        AuthExchange exchange = fixture.exchange("alice", false);

        assertDenied(exchange.start(NativePassword.PLUGIN, nativeAnswer("secret", exchange.scramble())), "alice",
                "YES");
    }

    static void assertDenied(AuthStep step, String user, String usingPassword) {
        assertThat(step).isInstanceOfSatisfying(AuthStep.Failure.class, failure -> {
            assertThat(failure.error().code()).isEqualTo(1045);
            assertThat(failure.error().sqlState()).isEqualTo("28000");
            assertThat(failure.error().message()).isEqualTo(
                    "Access denied for user '" + user + "'@'" + HOST + "' (using password: " + usingPassword + ")");
        });
    }
}
