package io.shardline.proxy.frontend;

import io.netty.channel.Channel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.execute.CommandExecutor;
import io.shardline.proxy.frontend.auth.AuthExchange;
import io.shardline.proxy.frontend.auth.AuthStep;
import io.shardline.proxy.protocol.AuthMoreData;
import io.shardline.proxy.protocol.AuthSwitchRequest;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.HandshakeResponse;
import io.shardline.proxy.protocol.HandshakeV10;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.auth.Scrambles;
import io.shardline.proxy.protocol.command.ComChangeUser;
import io.shardline.proxy.session.Session;
import java.util.function.Consumer;

/**
 * The login conversation: greeting, the client's handshake response, the authentication exchange, then the
 * checks a server does before saying OK (schema allowed and existing). Also serves COM_CHANGE_USER, which is the
 * same conversation on an established connection.
 */
final class LoginFlow {
    private final ProxyRuntime runtime;
    private final Channel channel;
    private final Session session;
    private final CommandExecutor executor;
    private byte[] scramble = Scrambles.next();
    private boolean secure;
    private AuthExchange exchange;
    private long capabilities;
    private int collationId;
    private String database;
    private Consumer<Boolean> outcome;
    private boolean changingUser;
    /** The user this session counts against (SessionRegistry), or null. */
    private String counted;

    LoginFlow(ProxyRuntime runtime, Channel channel, Session session, CommandExecutor executor) {
        this.runtime = runtime;
        this.channel = channel;
        this.session = session;
        this.executor = executor;
    }

    long offeredCapabilities() {
        return runtime.offeredCapabilities();
    }

    void greet() {
        HandshakeV10 greeting = new HandshakeV10(runtime.serverVersion(), session.id(), scramble,
                offeredCapabilities(), runtime.serverCollationId(), ServerStatus.AUTOCOMMIT,
                runtime.authenticator().defaultPlugin());
        channel.writeAndFlush(greeting.encode(channel.alloc(), 0));
    }

    void tlsStarted() {
        secure = true;
    }

    boolean secure() {
        return secure;
    }

    /** The HandshakeResponse41; {@code outcome} receives true once logged in, false when the login failed. */
    void start(HandshakeResponse response, int sequenceId, Consumer<Boolean> loginOutcome) {
        outcome = loginOutcome;
        capabilities = response.capabilities() & offeredCapabilities();
        collationId = response.collationId();
        database = response.database();
        if (runtime.config().server().tls().required() && !secure) {
            fail(sequenceId + 1, ErrPacket.of(MySqlError.ER_ACCESS_DENIED_ERROR, "Access denied for user '"
                    + response.user() + "': this server requires TLS; connect with SSL/TLS enabled"));
            return;
        }
        exchange = new AuthExchange(runtime.authenticator(), response.user(), session.clientAddress(), scramble, secure);
        String plugin = Capabilities.has(response.capabilities(), Capabilities.PLUGIN_AUTH) ? response.authPluginName() : null;
        handle(exchange.start(plugin, response.authResponse()), sequenceId + 1);
    }

    void changeUser(ComChangeUser command, Consumer<Boolean> loginOutcome) {
        outcome = loginOutcome;
        changingUser = true;
        capabilities = session.capabilities();
        collationId = command.collationId() == 0 ? collationId : command.collationId();
        database = command.database();
        exchange = new AuthExchange(runtime.authenticator(), command.user(), session.clientAddress(), scramble, secure);
        handle(exchange.start(command.authPluginName(), command.authResponse()), 1);
    }

    /** A packet the client sends while authentication is in progress. */
    void next(byte[] data, int sequenceId) {
        handle(exchange.next(data), sequenceId + 1);
    }

    private void handle(AuthStep step, int sequenceId) {
        // Java 17 has no pattern switch; the sealed AuthStep keeps this chain complete.
        if (step instanceof AuthStep.SwitchPlugin change) {
            scramble = change.scramble();
            channel.writeAndFlush(new AuthSwitchRequest(change.plugin(), change.scramble())
                    .encode(channel.alloc(), sequenceId));
        } else if (step instanceof AuthStep.MoreData more) {
            channel.writeAndFlush(new AuthMoreData(more.data()).encode(channel.alloc(), sequenceId));
        } else if (step instanceof AuthStep.Failure failure) {
            fail(sequenceId, failure.error());
        } else if (step instanceof AuthStep.Success success) {
            int okSequence = sequenceId;
            if (success.fastAuthByte()) {
                channel.write(new AuthMoreData(new byte[] {0x03}).encode(channel.alloc(), okSequence++));
            }
            authorize(success.user(), okSequence);
        }
    }

    private void authorize(UserSpec user, int sequenceId) {
        ErrPacket refusal = accessRefusal(user);
        if (refusal != null) {
            fail(sequenceId, refusal);
            return;
        }
        if (database == null) {
            database = user.defaultSchema();
        }
        if (database != null && !user.schemas().isEmpty() && !user.schemas().contains(database)) {
            fail(sequenceId, ErrPacket.of(MySqlError.ER_DBACCESS_DENIED_ERROR, "Access denied for user '"
                    + user.name() + "'@'" + session.clientAddress() + "' to database '" + database + "'"));
            return;
        }
        session.login(user.name(), capabilities, database, runtime.collations().sessionVariablesFor(collationId),
                runtime.defaultTracking());
        if (changingUser && Capabilities.has(capabilities, Capabilities.IGNORE_SPACE) && runtime.globalSqlMode() != null) {
            // A server's COM_CHANGE_USER takes sql_mode from the global value, without the IGNORE_SPACE the
            // client's capability added at login; the backend connection still has it, so set it explicitly.
            session.variable("sql_mode", runtime.globalSqlMode());
        }
        changingUser = false;
        if (database == null) {
            succeed(sequenceId);
            return;
        }
        // A server refuses a login naming a schema that does not exist: check it on a backend before saying OK.
        executor.prepareSession(cause -> {
            if (cause == null) {
                succeed(sequenceId);
            } else {
                fail(sequenceId, CommandExecutor.errorFor(cause));
            }
        });
    }

    /**
     * The user's own access rules, once its password is right: client address (1045, as a server does for an
     * account not allowed from that host), TLS, and its connection limit (1226, MySQL's max_user_connections
     * error). A session counts against its user from here until it ends or changes user.
     */
    private ErrPacket accessRefusal(UserSpec user) {
        io.shardline.proxy.config.UserAccess access = user.access();
        String who = "'" + user.name() + "'@'" + session.clientAddress() + "'";
        if (channel.remoteAddress() instanceof java.net.InetSocketAddress address && !access.hosts().allows(address)) {
            runtime.sessions().refused(SessionRegistry.Refusal.USER_HOSTS);
            return ErrPacket.of(MySqlError.ER_ACCESS_DENIED_ERROR, "Access denied for user " + who
                    + ": this user may connect only from " + access.hosts());
        }
        if (access.requireTls() && !secure) {
            runtime.sessions().refused(SessionRegistry.Refusal.USER_TLS);
            return ErrPacket.of(MySqlError.ER_ACCESS_DENIED_ERROR, "Access denied for user " + who
                    + ": this user must connect with SSL/TLS");
        }
        loggedOut();
        if (!runtime.sessions().tryLogin(user.name(), access.maxConnections())) {
            runtime.sessions().refused(SessionRegistry.Refusal.USER_MAX_CONNECTIONS);
            return ErrPacket.of(MySqlError.ER_USER_LIMIT_REACHED, "User '" + user.name()
                    + "' has exceeded the 'max_user_connections' resource (current value: "
                    + access.maxConnections() + ")");
        }
        counted = user.name();
        return null;
    }

    /** The session no longer counts against the user it logged in as (it ended, or is changing user). */
    void loggedOut() {
        if (counted != null) {
            runtime.sessions().loggedOut(counted);
            counted = null;
        }
    }

    private void succeed(int sequenceId) {
        Replies.ok(channel, session, sequenceId);
        outcome.accept(true);
    }

    private void fail(int sequenceId, ErrPacket error) {
        Replies.error(channel, sequenceId, error);
        outcome.accept(false);
    }
}
