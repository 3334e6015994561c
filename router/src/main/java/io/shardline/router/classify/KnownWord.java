package io.shardline.router.classify;

import static io.shardline.router.classify.StatementFlag.CALC_FOUND_ROWS;
import static io.shardline.router.classify.StatementFlag.NAMED_LOCK;
import static io.shardline.router.classify.StatementFlag.NON_DETERMINISTIC;
import static io.shardline.router.classify.StatementFlag.SIDE_EFFECT_FUNCTION;

import java.util.Set;

/** Words that set flags wherever they appear in code. Constant names are the SQL spelling. */
enum KnownWord {
    GET_LOCK(Form.CALL, NAMED_LOCK, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    RELEASE_LOCK(Form.CALL, NAMED_LOCK, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    RELEASE_ALL_LOCKS(Form.CALL, NAMED_LOCK, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    IS_FREE_LOCK(Form.CALL, NAMED_LOCK, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    IS_USED_LOCK(Form.CALL, NAMED_LOCK, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    SLEEP(Form.CALL, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    BENCHMARK(Form.CALL, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    NEXTVAL(Form.CALL, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    SETVAL(Form.CALL, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    LASTVAL(Form.CALL, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    /** NEXT VALUE FOR seq (MariaDB). */
    NEXT(Form.VALUE_FOR, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    /** PREVIOUS VALUE FOR seq (MariaDB). */
    PREVIOUS(Form.VALUE_FOR, SIDE_EFFECT_FUNCTION, NON_DETERMINISTIC),
    /** With an argument, LAST_INSERT_ID(expr) also sets the value: see {@link FunctionFlags}. */
    LAST_INSERT_ID(Form.CALL, StatementFlag.LAST_INSERT_ID, NON_DETERMINISTIC),
    FOUND_ROWS(Form.CALL, StatementFlag.FOUND_ROWS, NON_DETERMINISTIC),
    ROW_COUNT(Form.CALL, StatementFlag.ROW_COUNT, NON_DETERMINISTIC),
    SQL_CALC_FOUND_ROWS(Form.BARE, CALC_FOUND_ROWS),
    NOW(Form.CALL, NON_DETERMINISTIC),
    SYSDATE(Form.CALL, NON_DETERMINISTIC),
    CURDATE(Form.CALL, NON_DETERMINISTIC),
    CURTIME(Form.CALL, NON_DETERMINISTIC),
    /** Only UNIX_TIMESTAMP() reads the clock; UNIX_TIMESTAMP(expr) converts its argument. */
    UNIX_TIMESTAMP(Form.CALL_WITHOUT_ARGUMENTS, NON_DETERMINISTIC),
    RAND(Form.CALL, NON_DETERMINISTIC),
    RANDOM_BYTES(Form.CALL, NON_DETERMINISTIC),
    UUID(Form.CALL, NON_DETERMINISTIC),
    UUID_SHORT(Form.CALL, NON_DETERMINISTIC),
    SYS_GUID(Form.CALL, NON_DETERMINISTIC),
    CONNECTION_ID(Form.CALL, NON_DETERMINISTIC),
    USER(Form.CALL, NON_DETERMINISTIC),
    SESSION_USER(Form.CALL, NON_DETERMINISTIC),
    SYSTEM_USER(Form.CALL, NON_DETERMINISTIC),
    DATABASE(Form.CALL, NON_DETERMINISTIC),
    SCHEMA(Form.CALL, NON_DETERMINISTIC),
    VERSION(Form.CALL, NON_DETERMINISTIC),
    // Reserved words that are function calls even without parentheses.
    CURRENT_TIMESTAMP(Form.BARE, NON_DETERMINISTIC),
    CURRENT_DATE(Form.BARE, NON_DETERMINISTIC),
    CURRENT_TIME(Form.BARE, NON_DETERMINISTIC),
    LOCALTIME(Form.BARE, NON_DETERMINISTIC),
    LOCALTIMESTAMP(Form.BARE, NON_DETERMINISTIC),
    UTC_DATE(Form.BARE, NON_DETERMINISTIC),
    UTC_TIME(Form.BARE, NON_DETERMINISTIC),
    UTC_TIMESTAMP(Form.BARE, NON_DETERMINISTIC),
    CURRENT_USER(Form.BARE, NON_DETERMINISTIC),
    CURRENT_ROLE(Form.BARE, NON_DETERMINISTIC);

    /** How the word must be used to count. */
    enum Form {
        /** Anywhere. */
        BARE,
        /** Followed by '(' (a column of the same name does not count). */
        CALL,
        /** Followed by '()'. */
        CALL_WITHOUT_ARGUMENTS,
        /** Followed by VALUE FOR. */
        VALUE_FOR
    }

    private final Form form;
    private final StatementFlag[] flags;

    KnownWord(Form form, StatementFlag... flags) {
        this.form = form;
        this.flags = flags;
    }

    Form form() {
        return form;
    }

    void addFlagsTo(Set<StatementFlag> target) {
        for (StatementFlag flag : flags) {
            target.add(flag);
        }
    }
}
