package io.shardline.proxy.frontend;

import io.shardline.proxy.cache.ResponseRecorder;
import io.shardline.proxy.cache.ResultCache;
import io.shardline.proxy.session.Session;
import io.shardline.router.cache.TableAccess;
import io.shardline.router.cache.TableAccessAnalyzer;
import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementFlag;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.Tokens;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One session's writes, as the result cache must hear of them. A write invalidates the tables it wrote before
 * each byte of its response goes out (so before its OK reaches the client) and once more when it ends. Inside a
 * transaction the tables are kept until the transaction ends: the COMMIT's response (or that of whatever ended
 * it: ROLLBACK, an implicit commit, SET autocommit = 1) invalidates them, since only then can other sessions read
 * the new rows. A write whose tables cannot be told invalidates everything.
 */
final class WriteInvalidation {
    /** Statement kinds that never change table data; every other kind is analysed as a write. */
    private static final Set<StatementKind> READ_ONLY = EnumSet.of(StatementKind.SELECT, StatementKind.SHOW,
            StatementKind.SET, StatementKind.USE, StatementKind.BEGIN, StatementKind.COMMIT, StatementKind.ROLLBACK,
            StatementKind.SAVEPOINT, StatementKind.EXPLAIN, StatementKind.LOCK_TABLES, StatementKind.UNLOCK_TABLES,
            StatementKind.PREPARE, StatementKind.DEALLOCATE, StatementKind.KILL, StatementKind.HANDLER,
            StatementKind.FLUSH, StatementKind.DIAGNOSTICS, StatementKind.EMPTY);

    private final ResultCache cache;
    private final TableAccessAnalyzer analyzer;
    private final Session session;
    private final ResponseRecorder recorder;
    private final Set<String> pending = new HashSet<>();
    private boolean pendingAll;

    WriteInvalidation(ResultCache cache, TableAccessAnalyzer analyzer, Session session, ResponseRecorder recorder) {
        this.cache = cache;
        this.analyzer = analyzer;
        this.session = session;
        this.recorder = recorder;
    }

    static boolean mayWrite(Classification classification) {
        return !READ_ONLY.contains(classification.kind()) || classification.has(StatementFlag.EXPLAIN_WRITE)
                || classification.has(StatementFlag.MULTI_STATEMENT);
    }

    /** Called before a statement runs; returns the {@code done} to run it with. */
    Runnable statement(Supplier<Tokens> tokens, LexerOptions options, Classification classification, Runnable done) {
        boolean writes = mayWrite(classification);
        if (!writes && pending.isEmpty() && !pendingAll) {
            return done;
        }
        Set<String> tables = new HashSet<>(pending);
        boolean all = pendingAll;
        if (writes) {
            TableAccess access = analyzer.of(tokens.get(), options, classification, session.schema());
            all |= access.unknown();
            tables.addAll(access.written());
        }
        if (!all && tables.isEmpty()) {
            return done;
        }
        if (session.inTransaction() || !session.autocommit()) {
            pending.addAll(tables);
            pendingAll = all;
        }
        boolean everything = all;
        recorder.beforeWrite(() -> {
            if (everything) {
                cache.versions().invalidateAll();
            } else {
                cache.versions().invalidate(tables);
            }
        });
        return () -> {
            recorder.clearBeforeWrite();
            if (everything) {
                cache.invalidateAll();
            } else {
                cache.invalidate(tables);
            }
            if (!session.inTransaction()) {
                pending.clear();
                pendingAll = false;
            }
            done.run();
        };
    }
}
