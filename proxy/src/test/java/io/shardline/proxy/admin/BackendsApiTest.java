package io.shardline.proxy.admin;

import static io.shardline.proxy.route.RouteFixtures.health;
import static io.shardline.proxy.route.RouteFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardline.proxy.config.ReadWriteSettings;
import io.shardline.proxy.health.Status;
import io.shardline.proxy.route.DataSourceBackends;
import io.shardline.proxy.route.ReplicaBackend;
import io.shardline.proxy.route.RouteFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /api/backends over servers that are never connected to: the JSON of the contract, names, refusals. */
class BackendsApiTest {
    private static final String TOKEN = "0123456789abcdef0123";
    private static final String PRIMARY = "main/primary@127.0.0.1:3316";
    private static final String REPLICA = "main/replica@127.0.0.1:3317";

    private final RouteFixtures fixtures = new RouteFixtures();
    private final ReplicaBackend replica = new ReplicaBackend(fixtures.pools(REPLICA, "127.0.0.1", 3317), 2);
    private final DataSourceBackends source = new DataSourceBackends("main",
            fixtures.pools(PRIMARY, "127.0.0.1", 3316), List.of(replica), ReadWriteSettings.DEFAULTS);
    private final AdminRoutes routes = new AdminRoutes(new BackendsApi(Map.of("main", source)).routes(), TOKEN);

    @AfterEach
    void close() {
        fixtures.close();
    }

    private AdminResponse call(HttpMethod method, String path, String token, Map<String, List<String>> parameters) {
        return routes.answer(new AdminRequest(method, path, token == null ? null : "Bearer " + token, "",
                parameters));
    }

    private AdminResponse post(String path, Map<String, List<String>> parameters) {
        return call(HttpMethod.POST, path, TOKEN, parameters);
    }

    @Test
    void listsEveryServerAsTheContractSays() {
        source.health(snapshot(health(PRIMARY, Status.UP, false), health(REPLICA, Status.LAGGING, true)));

        AdminResponse answer = call(HttpMethod.GET, "/api/backends", null, Map.of());

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(answer.body()).isEqualTo("{\"backends\":["
                + "{\"name\":\"" + PRIMARY + "\",\"datasource\":\"main\",\"role\":\"primary\",\"address\":"
                + "\"127.0.0.1:3316\",\"status\":\"UP\",\"admin_state\":\"online\",\"weight\":null,"
                + "\"lag_seconds\":0.0,\"problem\":null,\"pool\":{\"idle\":0,\"borrowed\":0,\"waiting\":0}},"
                + "{\"name\":\"" + REPLICA + "\",\"datasource\":\"main\",\"role\":\"replica\",\"address\":"
                + "\"127.0.0.1:3317\",\"status\":\"LAGGING\",\"admin_state\":\"online\",\"weight\":2,"
                + "\"lag_seconds\":null,\"problem\":\"test says LAGGING\","
                + "\"pool\":{\"idle\":0,\"borrowed\":0,\"waiting\":0}}]}");
    }

    @Test
    void beforeTheFirstCheckAServerIsUnchecked() {
        assertThat(call(HttpMethod.GET, "/api/backends", null, Map.of()).body())
                .contains("\"status\":\"UNCHECKED\"").contains("\"problem\":\"not checked yet\"");
    }

    @Test
    void offlineAndOnlineByFullNameOrAddress() {
        AdminResponse offline = post("/api/backends/offline", Map.of("name", List.of("127.0.0.1:3317")));

        assertThat(offline.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(offline.body()).startsWith("{\"backend\":{\"name\":\"" + REPLICA + "\"")
                .contains("\"admin_state\":\"offline\"");
        assertThat(source.overrides().isOffline(REPLICA)).isTrue();

        AdminResponse online = post("/api/backends/online", Map.of("name", List.of(REPLICA)));
        assertThat(online.body()).contains("\"admin_state\":\"online\"");
        assertThat(source.overrides().isOffline(REPLICA)).isFalse();

        assertThat(post("/api/backends/offline", Map.of("name", List.of(PRIMARY))).body())
                .contains("\"role\":\"primary\"").contains("\"admin_state\":\"offline\"");
    }

    @Test
    void weightIsForReplicasFromZeroToAThousand() {
        AdminResponse zero = post("/api/backends/weight", Map.of("name", List.of(REPLICA), "weight", List.of("0")));
        assertThat(zero.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(zero.body()).contains("\"weight\":0");
        assertThat(source.overrides().weightOf(replica)).isZero();

        for (String bad : List.of("1001", "-1", "two", "1.5")) {
            AdminResponse refused = post("/api/backends/weight", Map.of("name", List.of(REPLICA),
                    "weight", List.of(bad)));
            assertThat(refused.status()).as(bad).isEqualTo(HttpResponseStatus.BAD_REQUEST);
            assertThat(refused.body()).contains("from 0 to 1000");
        }
        AdminResponse primary = post("/api/backends/weight", Map.of("name", List.of(PRIMARY), "weight",
                List.of("3")));
        assertThat(primary.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(primary.body()).contains("is a primary");
    }

    @Test
    void refusalsUnknownNameMissingParameterAndToken() {
        assertThat(post("/api/backends/offline", Map.of("name", List.of("127.0.0.1:9"))).status())
                .isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(post("/api/backends/offline", Map.of()).status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        AdminResponse noToken = call(HttpMethod.POST, "/api/backends/offline", null,
                Map.of("name", List.of(REPLICA)));
        assertThat(noToken.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(source.overrides().isOffline(REPLICA)).as("refused: nothing changed").isFalse();
    }
}
