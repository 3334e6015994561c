package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.shardline.proxy.cache.CacheDecision;
import io.shardline.proxy.cache.CacheKey;
import io.shardline.proxy.cache.CachePolicy;
import io.shardline.proxy.cache.ResponseRecorder;
import io.shardline.proxy.cache.ResultCache;
import io.shardline.proxy.cache.SessionFacts;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.session.ClientStatement;
import io.shardline.proxy.session.Session;
import io.shardline.router.classify.Classification;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.nio.charset.StandardCharsets;

/**
 * One session's side of the result cache: a cacheable read is answered from the cache (one buffer written), waits
 * for the same read another session is running, or runs and has its response recorded and stored. A read the
 * policy or the session's state rules out runs as if there were no cache. Confined to the session's event loop;
 * a waiter is woken through it.
 */
final class CachedReads {
    /** Runs the statement; {@code load} asks for the primary, so a stored response is never a lagging replica's. */
    interface Execution {
        void run(Runnable done, boolean load);
    }

    private final ResultCache cache;
    private final CachePolicy policy;
    private final Channel channel;
    private final Session session;
    private final ResponseRecorder recorder;
    private final SessionFacts facts;
    private ResultCache.Load loading;
    private int loadingReply;

    CachedReads(ResultCache cache, CachePolicy policy, Channel channel, Session session, ResponseRecorder recorder) {
        this.cache = cache;
        this.policy = policy;
        this.channel = channel;
        this.session = session;
        this.recorder = recorder;
        this.facts = new SessionFacts(cache);
        channel.closeFuture().addListener(closed -> abandon("client_gone"));
    }

    /**
     * Answers a text statement from the cache before it is even tokenized, when an answer for exactly this text
     * and session is stored and current: it was cacheable when stored, and the policy decided from nothing but the
     * text, the session's schema and the rules, all the same now. Only statements that may be a SELECT are looked
     * up (a long INSERT is not hashed for nothing). True when it answered.
     */
    boolean answered(String sql, ByteBuf payload, int reply, Runnable done) {
        if (!maySelect(sql) || !eligible(reply)) {
            return false;
        }
        return answer(cache.hit(new CacheKey(facts.of(session), false, sql, "")), payload, done);
    }

    private static boolean maySelect(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (!Character.isWhitespace(c)) {
                return "sSwW(/tTvV".indexOf(c) >= 0;
            }
        }
        return false;
    }

    private boolean answer(byte[] bytes, ByteBuf payload, Runnable done) {
        if (bytes == null) {
            return false;
        }
        payload.release();
        session.trace().route(io.shardline.proxy.metrics.Route.CACHE);
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        done.run();
        return true;
    }

    /** A text statement; {@code run} is how it runs without the cache. */
    void query(ByteBuf payload, Tokens tokens, LexerOptions options, Classification classification, int reply,
               Runnable done, Execution run) {
        CacheDecision decision = eligible(reply)
                ? policy.decide(tokens, options, classification, session.schema()) : null;
        if (decision == null) {
            run.run(done, false);
            return;
        }
        CacheKey key = new CacheKey(facts.of(session), false, tokens.source(), "");
        serve(key, decision, payload, reply, done, run);
    }

    /**
     * An execution of a prepared statement; only plain executions (no cursor, no long data) are cacheable. A
     * stored answer is looked up first, as for text; the statement is tokenized for the policy only on a miss.
     */
    void execute(ByteBuf payload, ClientStatement statement, boolean opensCursor, int reply, Runnable done,
                 Execution run) {
        if (opensCursor || statement.hasLongData() || !eligible(reply)) {
            run.run(done, false);
            return;
        }
        String parameters = parameters(payload, statement);
        if (parameters == null) {
            run.run(done, false);
            return;
        }
        String sql = statement.latin1Text();
        CacheKey key = new CacheKey(facts.of(session), true, sql, parameters);
        if (answer(cache.hit(key), payload, done)) {
            return;
        }
        LexerOptions options = new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes());
        CacheDecision decision = policy.decide(SqlLexer.tokenize(sql, options), options, statement.classification(),
                session.schema());
        if (decision == null) {
            run.run(done, false);
            return;
        }
        serve(key, decision, payload, reply, done, run);
    }

    /**
     * The parameter values of an execution with the types they are read by, whether the client sent the types
     * now or with an earlier execution: after the statement id come flags and iteration count (5 bytes), then for
     * n > 0 parameters a null bitmap, the new-params-bound flag, 2n bytes of types when it is 1, and the values.
     * The types are the statement's (ClientStatement.learnTypes has taken those this execution sent). Null when the
     * packet is shorter than that or no types are known.
     */
    private static String parameters(ByteBuf payload, ClientStatement statement) {
        int start = payload.readerIndex() + 5;
        int end = payload.writerIndex();
        int count = statement.parameterCount();
        if (count == 0) {
            return payload.toString(start, end - start, StandardCharsets.ISO_8859_1);
        }
        int bitmap = start + 5;
        int bound = bitmap + (count + 7) / 8;
        if (bound >= end) {
            return null;
        }
        int values = payload.getByte(bound) == 1 ? bound + 1 + 2 * count : bound + 1;
        byte[] types = statement.parameterTypes();
        if (values > end) {
            return null;
        }
        if (types == null) {
            return null;
        }
        return payload.toString(bitmap, bound - bitmap, StandardCharsets.ISO_8859_1) + '\u0000'
                + new String(types, StandardCharsets.ISO_8859_1) + '\u0000'
                + payload.toString(values, end - values, StandardCharsets.ISO_8859_1);
    }

    /** Autocommit, no transaction, nothing only the session's own connection knows, and the usual reply id. */
    private boolean eligible(int reply) {
        return reply == 1 && session.autocommit() && !session.inTransaction() && !session.holdsPrimaryState()
                && session.transactionLostReason() == null && loading == null;
    }

    private void serve(CacheKey key, CacheDecision decision, ByteBuf payload, int reply, Runnable done,
                       Execution run) {
        ResultCache.Lookup lookup = cache.lookup(key, decision.tables(), decision.ttlNanos(), decision.rule(),
                bytes -> channel.eventLoop().execute(() -> woken(bytes, payload, done, run)));
        if (lookup.hit() != null) {
            answer(lookup.hit(), payload, done);
        } else if (lookup.load() != null) {
            loading = lookup.load();
            loadingReply = reply;
            recorder.record((int) cache.settings().maxEntryBytes());
            run.run(() -> {
                finishLoad();
                done.run();
            }, true);
        }
    }

    /** Another session's load of the same read ended: its bytes, or null when this session must run it. */
    private void woken(byte[] bytes, ByteBuf payload, Runnable done, Execution run) {
        if (!channel.isActive()) {
            payload.release();
            return;
        }
        if (bytes == null) {
            run.run(done, false);
            return;
        }
        answer(bytes, payload, done);
    }

    private void finishLoad() {
        ResultCache.Load load = loading;
        if (load == null) {
            return;
        }
        loading = null;
        byte[] bytes = recorder.stop();
        if (bytes == null) {
            load.abandoned("too_large");
        } else if (session.inTransaction() || session.holdsPrimaryState()) {
            load.abandoned("state");
        } else {
            String problem = io.shardline.proxy.cache.StorableResponse.problem(bytes, loadingReply,
                    session.clientHas(Capabilities.DEPRECATE_EOF));
            if (problem == null) {
                load.stored(bytes);
            } else {
                load.abandoned(problem);
            }
        }
    }

    private void abandon(String reason) {
        ResultCache.Load load = loading;
        if (load != null) {
            loading = null;
            recorder.stop();
            load.abandoned(reason);
        }
    }
}
