package io.shardline.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {
    private static final String TOKEN = "0123456789abcdef0123";
    private final List<AdminRoutes.Route> table = List.of(
            AdminRoutes.get("/health", request -> AdminResponse.ok(Map.of())),
            AdminRoutes.inspect("/health", request -> AdminResponse.ok(Map.of("body", request.body()))),
            AdminRoutes.post("/api/flush", request -> AdminResponse.ok(Map.of("flushed", request.required("table")))));
    private final AdminRoutes routes = new AdminRoutes(table, TOKEN);

    private static AdminRequest request(HttpMethod method, String path) {
        return new AdminRequest(method, path, null, "body");
    }

    private static AdminRequest flush(String authorization, Map<String, List<String>> parameters) {
        return new AdminRequest(HttpMethod.POST, "/api/flush", authorization, "", parameters);
    }

    @Test
    void aRouteAnswers() {
        assertThat(routes.answer(request(HttpMethod.GET, "/health")).status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(routes.answer(request(HttpMethod.POST, "/health")).body()).isEqualTo("{\"body\":\"body\"}");
    }

    @Test
    void unknownPathIs404NamingWhatIsServed() {
        AdminResponse answer = routes.answer(request(HttpMethod.GET, "/nope"));

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(answer.contentType()).isEqualTo(AdminResponse.JSON);
        assertThat(answer.body()).isEqualTo("{\"error\":\"no such path: /nope; served: /health, /api/flush\"}");
    }

    @Test
    void otherMethodIs405WithAllow() {
        AdminResponse answer = routes.answer(request(HttpMethod.DELETE, "/health"));

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
        assertThat(answer.headers()).containsEntry("Allow", "GET, POST");
        assertThat(answer.body()).contains("DELETE is not allowed on /health");
    }

    @Test
    void aGuardedRouteNeedsTheBearerToken() {
        Map<String, List<String>> table = Map.of("table", List.of("demo.t"));

        AdminResponse missing = routes.answer(flush(null, table));
        AdminResponse wrong = routes.answer(flush("Bearer " + TOKEN + "x", table));
        AdminResponse right = routes.answer(flush("bearer " + TOKEN, table));

        assertThat(missing.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(missing.headers()).containsKey("WWW-Authenticate");
        assertThat(missing.body()).contains("Authorization: Bearer");
        assertThat(wrong.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(right.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(right.body()).isEqualTo("{\"flushed\":\"demo.t\"}");
    }

    @Test
    void withoutAConfiguredTokenWritesAreForbiddenButReadsAnswer() {
        AdminRoutes open = new AdminRoutes(table, null);

        AdminResponse write = open.answer(flush("Bearer anything-at-all", Map.of("table", List.of("t"))));

        assertThat(write.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(write.body()).contains("set management.token");
        assertThat(open.answer(request(HttpMethod.GET, "/health")).status()).isEqualTo(HttpResponseStatus.OK);
    }

    @Test
    void aMissingParameterIs400NamingIt() {
        AdminResponse answer = routes.answer(flush("Bearer " + TOKEN, Map.of()));

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(answer.body()).contains("missing parameter 'table'");
    }

    @Test
    void aPathAndMethodRoutedTwiceIsAMistake() {
        AdminHandler any = request -> AdminResponse.ok(Map.of());
        assertThatThrownBy(() -> new AdminRoutes(List.of(AdminRoutes.get("/x", any), AdminRoutes.get("/x", any))))
                .hasMessageContaining("GET /x is routed twice");
    }
}
