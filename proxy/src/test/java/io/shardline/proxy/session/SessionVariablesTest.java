package io.shardline.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionVariablesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "sql_mode, REPLAY",
            "autocommit, REPLAY",
            "character_set_client, REPLAY",
            "time_zone, REPLAY",
            "transaction_isolation, REPLAY",
            "insert_id, ONE_SHOT",
            "rand_seed1, ONE_SHOT",
            "rand_seed2, ONE_SHOT",
            "gtid_seq_no, ONE_SHOT",
            "last_insert_id, LAST_INSERT_ID",
            "identity, LAST_INSERT_ID",
            "last_gtid, LAST_GTID",
            "warning_count, IGNORE",
            "error_count, IGNORE",
            "in_transaction, IGNORE",
            "gtid_binlog_pos, IGNORE",
            "gtid_current_pos, IGNORE",
            "timestamp, PIN",
            "pseudo_thread_id, PIN",
            "pseudo_slave_mode, PIN",
            "skip_replication, PIN",
            "server_id, PIN",
            "gtid_domain_id, PIN",
            "session_track_schema, PIN",
            "session_track_system_variables, PIN",
            "session_track_state_change, PIN",
            "wsrep_sync_wait, PIN",
    })
    void handling(String name, SessionVariables.Handling expected) {
        assertThat(SessionVariables.handlingOf(name)).isEqualTo(expected);
    }
}
