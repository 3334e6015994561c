package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStateChangesTest {

    private static Wire variable(String name, String value) {
        return Wire.bytes().u8(0).lenenc(Wire.bytes().lenenc(name).lenenc(value).array());
    }

    private static Wire schema(String name) {
        return Wire.bytes().u8(1).lenenc(Wire.bytes().lenenc(name).array());
    }

    @Test
    void emptyBlockIsNone() {
        SessionStateChanges changes = SessionStateChanges.decode(new byte[0]);

        assertThat(changes).isSameAs(SessionStateChanges.NONE);
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void severalSystemVariablesInOrderWithLowerCaseNames() {
        byte[] block = Wire.concat(variable("autocommit", "OFF").array(), variable("SQL_MODE", "ANSI_QUOTES").array(),
                variable("character_set_results", "").array(), variable("time_zone", "+02:00").array());

        SessionStateChanges changes = SessionStateChanges.decode(block);

        assertThat(changes.systemVariables()).containsExactly(Map.entry("autocommit", "OFF"),
                Map.entry("sql_mode", "ANSI_QUOTES"), Map.entry("character_set_results", ""),
                Map.entry("time_zone", "+02:00"));
        assertThat(changes.schema()).isNull();
        assertThat(changes.stateChanged()).isFalse();
        assertThat(changes.isEmpty()).isFalse();
    }

    @Test
    void schema() {
        SessionStateChanges changes = SessionStateChanges.decode(schema("shop").array());

        assertThat(changes.schema()).isEqualTo("shop");
        assertThat(changes.systemVariables()).isEmpty();
        assertThat(changes.isEmpty()).isFalse();
    }

    @Test
    void mariaDbStateChangeIsTheBareCharacterOne() {
        SessionStateChanges changes = SessionStateChanges.decode(Wire.bytes().u8(2).u8(1).raw("1").array());

        assertThat(changes.stateChanged()).isTrue();
        assertThat(changes.isEmpty()).isFalse();
    }

    @Test
    void mySqlStateChangeIsALengthEncodedOne() {
        SessionStateChanges changes = SessionStateChanges.decode(Wire.bytes().u8(2).u8(2).lenenc("1").array());

        assertThat(changes.stateChanged()).isTrue();
    }

    @Test
    void stateChangeOtherThanOneIsNotAChange() {
        assertThat(SessionStateChanges.decode(Wire.bytes().u8(2).u8(1).raw("0").array()).stateChanged()).isFalse();
        assertThat(SessionStateChanges.decode(Wire.bytes().u8(2).u8(0).array()).stateChanged()).isFalse();
    }

    @Test
    void everythingTogetherAsMySqlSendsIt() {
        byte[] block = Wire.concat(variable("autocommit", "OFF").array(), schema("shop").array(),
                Wire.bytes().u8(2).u8(2).lenenc("1").array());

        SessionStateChanges changes = SessionStateChanges.decode(block);

        assertThat(changes).isEqualTo(new SessionStateChanges(Map.of("autocommit", "OFF"), "shop", true));
    }

    @Test
    void gtidsTransactionStateAndUnknownTypesAreSkipped() {
        byte[] block = Wire.concat(
                Wire.bytes().u8(3).lenenc(Wire.bytes().u8(0).lenenc("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5")
                        .array()).array(),
                Wire.bytes().u8(4).lenenc(Wire.bytes().lenenc("T_______").array()).array(),
                Wire.bytes().u8(5).lenenc(Wire.bytes().lenenc("START TRANSACTION;").array()).array(),
                Wire.bytes().u8(200).lenenc(Wire.filled(300, 1)).array(),
                variable("autocommit", "ON").array());

        SessionStateChanges changes = SessionStateChanges.decode(block);

        assertThat(changes).isEqualTo(new SessionStateChanges(Map.of("autocommit", "ON"), null, false));
    }

    @Test
    void entryLongerThanTheBlockIsMalformed() {
        byte[] block = Wire.bytes().u8(0).u8(50).lenenc("autocommit").array();

        assertThatThrownBy(() -> SessionStateChanges.decode(block))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("session state entry length 50 exceeds the block");
    }

    @Test
    void entryWithANegativeEightByteLengthIsMalformed() {
        byte[] block = Wire.bytes().u8(0).u8(0xfe).u64(-1L).lenenc("autocommit").lenenc("ON").array();

        assertThatThrownBy(() -> SessionStateChanges.decode(block)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void variableEntryWithoutValueIsMalformed() {
        byte[] block = Wire.bytes().u8(0).lenenc(Wire.bytes().lenenc("autocommit").array()).array();

        assertThatThrownBy(() -> SessionStateChanges.decode(block)).isInstanceOf(MalformedPacketException.class);
    }
}
