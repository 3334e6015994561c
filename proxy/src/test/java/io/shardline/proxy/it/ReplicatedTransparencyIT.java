package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.health.Status;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The behaviour kit again, through a proxy that splits reads over the sandbox's replicas (the quickstart's
 * layout): plain reads are routed to the replicas, and every outcome must still be what the primary alone gives.
 */
class ReplicatedTransparencyIT {
    private static Replication replication;
    private static ShardlineServer proxy;

    @BeforeAll
    static void start() throws Exception {
        replication = new Replication(SandboxFixture.get());
        ProxyFixture.get(); // creates the schema
        replication.awaitCaughtUp();
        proxy = ProxyFixture.startReplicated("", "");
        for (int each : replication.replicaPorts()) {
            Replication.awaitStatus(proxy, each, Status.UP);
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static String through(String driver, String options) {
        int port = proxy.address().getPort();
        return driver.equals("mysql") ? ProxyFixture.mysqlUrl(port, options)
                : "jdbc:mariadb://127.0.0.1:" + port + "/" + ProxyFixture.SCHEMA + "?user=" + ProxyFixture.USER
                        + "&password=" + ProxyFixture.PASSWORD + "&" + options;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "mysql   | allowMultiQueries=true                                        | false",
            "mysql   | allowMultiQueries=true&useServerPrepStmts=true&cachePrepStmts=true | false",
            "mariadb | allowMultiQueries=true                                        | false",
            "mysql   | allowMultiQueries=true&useServerPrepStmts=true                | true",
            "mariadb | allowMultiQueries=true&useServerPrepStmts=true                | true",
    })
    void sameOutcomesWithReadsOnTheReplicas(String driver, String options, boolean prepared) throws Exception {
        ProxyFixture fixture = ProxyFixture.get();
        String suffix = "rw_" + driver + (prepared ? "_prep" : options.contains("useServerPrepStmts") ? "_ps" : "_text");
        String direct = driver.equals("mysql") ? fixture.directUrl(options) : fixture.directMariadbUrl(options);
        List<String> expected = TransparencyIT.run(direct, suffix, prepared);
        double replicaSelects = replicaSelects();
        List<String> actual = TransparencyIT.run(through(driver, options), suffix, prepared);
        assertThat(replicaSelects()).as("plain reads were meant for the replicas").isGreaterThan(replicaSelects + 3);
        TransparencyIT.compare(expected, actual);
    }

    /**
     * Statements the router sent towards the replicas. Where each finally ran also depends on replication: right
     * after the kit's own writes, global-causal consistency serves a read from the primary until a replica has them.
     */
    private static double replicaSelects() {
        return proxy.meters().find("shardline.read_write.decisions").tags("target", "replica").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
