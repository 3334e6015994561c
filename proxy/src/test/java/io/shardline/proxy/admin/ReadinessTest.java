package io.shardline.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /ready from a health snapshot: every primary UP and listening, else 503 saying which and why. */
class ReadinessTest {
    private static final AdminRequest GET = new AdminRequest(HttpMethod.GET, "/ready", null, "");
    /** Two data sources, deliberately not in alphabetical order: answers keep the file's order. */
    private static final Map<String, String> PRIMARIES = primaries();

    private static Map<String, String> primaries() {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("ds_1", "ds_1/primary@h:2");
        result.put("ds_0", "ds_0/primary@h:1");
        return result;
    }

    private static ServerHealth health(String server, Status status, String problem) {
        return new ServerHealth(server, status, false, null, false, null, problem, Instant.EPOCH);
    }

    private static HealthSnapshot snapshot(ServerHealth... servers) {
        Map<String, ServerHealth> byServer = new LinkedHashMap<>();
        for (ServerHealth each : servers) {
            byServer.put(each.server(), each);
        }
        return new HealthSnapshot(byServer, 1);
    }

    @Test
    void readyWhenEveryPrimaryIsUpAndTheProxyListens() {
        HealthSnapshot up = snapshot(health("ds_1/primary@h:2", Status.UP, null),
                health("ds_0/primary@h:1", Status.UP, null), health("ds_0/replica@h:3", Status.DOWN, "refused"));

        AdminResponse answer = new Readiness(PRIMARIES, () -> up, () -> true).handle(GET);

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(answer.body()).as("replicas do not count; data sources in file order").isEqualTo(
                "{\"status\":\"READY\",\"listening\":true,\"primaries\":["
                        + "{\"datasource\":\"ds_1\",\"server\":\"ds_1/primary@h:2\",\"status\":\"UP\"},"
                        + "{\"datasource\":\"ds_0\",\"server\":\"ds_0/primary@h:1\",\"status\":\"UP\"}]}");
    }

    @Test
    void notReadyNamesEachPrimaryThatIsNotUpAndWhy() {
        HealthSnapshot down = snapshot(health("ds_1/primary@h:2", Status.DOWN, "cannot connect: \"refused\""),
                health("ds_0/primary@h:1", Status.UP, null));

        AdminResponse answer = new Readiness(PRIMARIES, () -> down, () -> true).handle(GET);

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.body()).startsWith("{\"status\":\"NOT_READY\"")
                .contains("{\"datasource\":\"ds_1\",\"server\":\"ds_1/primary@h:2\",\"status\":\"DOWN\","
                        + "\"problem\":\"cannot connect: \\\"refused\\\"\"}")
                .endsWith(",\"reasons\":[\"data source 'ds_1': primary ds_1/primary@h:2 is DOWN"
                        + " (cannot connect: \\\"refused\\\")\"]}");
    }

    @Test
    void notReadyWhileNotListeningOrAPrimaryIsUnmonitored() {
        HealthSnapshot onlyOne = snapshot(health("ds_1/primary@h:2", Status.UP, null));

        AdminResponse answer = new Readiness(PRIMARIES, () -> onlyOne, () -> false).handle(GET);

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.body()).contains("\"listening\":false")
                .contains("\"not listening for clients\"")
                .contains("primary ds_0/primary@h:1 is UNKNOWN (not monitored)");
    }

    @Test
    void neverReadyWhileDrainingWhateverTheHealth() {
        HealthSnapshot up = snapshot(health("ds_1/primary@h:2", Status.UP, null),
                health("ds_0/primary@h:1", Status.UP, null));

        AdminResponse answer = new Readiness(PRIMARIES, () -> up, () -> false, () -> true).handle(GET);

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.body()).contains("\"draining\":true").contains("\"reasons\":[\"draining: ")
                .doesNotContain("not listening");
    }
}
