package io.shardline.router.route;

import java.util.List;
import java.util.Locale;

/**
 * Routing hints in a statement's leading comments: Atlas's {@code /*master*\/}, and Shardline's own
 * {@code /*+ shardline:primary *\/} / {@code /*+ shardline:replica *\/} (also inside an optimizer-hint comment
 * with other hints, or as a plain comment {@code /* shardline:replica *\/}).
 */
public enum RoutingHint {
    NONE, PRIMARY, REPLICA;

    public static RoutingHint of(List<String> leadingComments) {
        RoutingHint result = NONE;
        for (String each : leadingComments) {
            String body = each.startsWith("+") ? each.substring(1) : each;
            for (String word : body.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (word.equals("master") || word.equals("shardline:primary") || word.equals("shardline:master")) {
                    return PRIMARY;
                }
                if (word.equals("shardline:replica") || word.equals("shardline:slave")) {
                    result = REPLICA;
                }
            }
        }
        return result;
    }
}
