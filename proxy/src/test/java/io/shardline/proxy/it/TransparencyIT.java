package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The strongest test of the transparent path: the behaviour kit runs on one connection straight to the primary and
 * on one through Shardline, with each driver and protocol mode, and every outcome must be identical.
 */
class TransparencyIT {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "mysql   | allowMultiQueries=true",
            "mysql   | allowMultiQueries=true&useServerPrepStmts=true&cachePrepStmts=true",
            "mariadb | allowMultiQueries=true",
            "mariadb | allowMultiQueries=true&useServerPrepStmts=true",
    })
    void sameOutcomesDirectAndThroughProxy(String driver, String options) throws Exception {
        ProxyFixture proxy = ProxyFixture.get();
        String suffix = driver + (options.contains("useServerPrepStmts") ? "_ps" : "_text");
        String direct = driver.equals("mysql") ? proxy.directUrl(options) : proxy.directMariadbUrl(options);
        String through = driver.equals("mysql") ? proxy.mysqlUrl(options) : proxy.mariadbUrl(options);
        List<String> expected = run(direct, suffix, false);
        List<String> actual = run(through, suffix, false);
        compare(expected, actual);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "mysql   | allowMultiQueries=true&useServerPrepStmts=true",
            "mysql   | allowMultiQueries=true&useServerPrepStmts=true&useCursorFetch=true&defaultFetchSize=1",
            "mariadb | allowMultiQueries=true&useServerPrepStmts=true",
    })
    void sameOutcomesForPreparedStatements(String driver, String options) throws Exception {
        ProxyFixture proxy = ProxyFixture.get();
        String suffix = driver + (options.contains("useCursorFetch") ? "_cursor" : "_prep");
        String direct = driver.equals("mysql") ? proxy.directUrl(options) : proxy.directMariadbUrl(options);
        String through = driver.equals("mysql") ? proxy.mysqlUrl(options) : proxy.mariadbUrl(options);
        compare(run(direct, suffix, true), run(through, suffix, true));
    }

    static void compare(List<String> expected, List<String> actual) {
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("outcome of statement %d", i).isEqualTo(expected.get(i));
        }
    }

    /** The behaviour kit's outcomes on one connection to {@code url} (also used by ReplicatedTransparencyIT). */
    static List<String> run(String url, String suffix, boolean prepared) throws Exception {
        List<String> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            for (String each : BehaviourKit.statements(suffix)) {
                String outcome = prepared ? Outcome.ofPrepared(connection, each) : Outcome.of(statement, each);
                result.add(each + "\n" + outcome);
            }
        }
        return result;
    }
}
