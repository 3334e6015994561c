package io.shardline.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {
    private final AdminRoutes routes = new AdminRoutes(List.of(
            AdminRoutes.get("/health", request -> AdminResponse.json(HttpResponseStatus.OK, "{}")),
            new AdminRoutes.Route(HttpMethod.POST, "/health", request -> AdminResponse.json(HttpResponseStatus.OK,
                    Json.quote(request.body())))));

    private static AdminRequest request(HttpMethod method, String path) {
        return new AdminRequest(method, path, null, "body");
    }

    @Test
    void aRouteAnswers() {
        assertThat(routes.answer(request(HttpMethod.GET, "/health")).status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(routes.answer(request(HttpMethod.POST, "/health")).body()).isEqualTo("\"body\"");
    }

    @Test
    void unknownPathIs404NamingWhatIsServed() {
        AdminResponse answer = routes.answer(request(HttpMethod.GET, "/nope"));

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(answer.contentType()).isEqualTo(AdminResponse.JSON);
        assertThat(answer.body()).isEqualTo("{\"error\":\"no such path: /nope; served: /health\"}");
    }

    @Test
    void otherMethodIs405WithAllow() {
        AdminResponse answer = routes.answer(request(HttpMethod.DELETE, "/health"));

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
        assertThat(answer.headers()).containsEntry("Allow", "GET, POST");
        assertThat(answer.body()).contains("DELETE is not allowed on /health");
    }

    @Test
    void aPathAndMethodRoutedTwiceIsAMistake() {
        AdminHandler any = request -> AdminResponse.json(HttpResponseStatus.OK, "{}");
        assertThatThrownBy(() -> new AdminRoutes(List.of(AdminRoutes.get("/x", any), AdminRoutes.get("/x", any))))
                .hasMessageContaining("GET /x is routed twice");
    }
}
