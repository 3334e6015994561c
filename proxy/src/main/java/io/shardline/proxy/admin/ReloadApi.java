package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardline.proxy.ConfigReload;
import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.rules.RulesRefusedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/reload}: re-reads the configuration file, as SIGHUP does ({@link ConfigReload}). */
public final class ReloadApi {
    private final ConfigReload reload;

    public ReloadApi(ConfigReload reload) {
        this.reload = reload;
    }

    public List<AdminRoutes.Route> routes() {
        return List.of(AdminRoutes.post("/api/reload", request -> reload()));
    }

    private AdminResponse reload() {
        try {
            ConfigReload.Outcome outcome = reload.reload();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rules_version", outcome.rulesVersion());
            body.put("changes", outcome.changes());
            body.put("needs_restart", outcome.needsRestart());
            return AdminResponse.ok(body);
        } catch (ConfigException ex) {
            throw new AdminException(HttpResponseStatus.UNPROCESSABLE_ENTITY, "not reloaded: the configuration file"
                    + " is not valid; nothing changed", Map.of("problems", ex.problems()));
        } catch (ConfigReload.PartlyAppliedException ex) {
            throw new AdminException(HttpResponseStatus.INTERNAL_SERVER_ERROR, ex.getMessage(), Map.of());
        } catch (RulesRefusedException ex) {
            throw new AdminException(HttpResponseStatus.CONFLICT, ex.getMessage(),
                    Map.of("changes", RulesApi.changes(ex.changes())));
        }
    }
}
