import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Opens N MySQL-protocol connections, logs each in with mysql_native_password, runs one {@code SELECT 1} on it
 * (so the connection has been used, as a pooled application connection has) and then leaves it idle. JDK only:
 * run it as a single-file program, {@code java bench/IdleClients.java HOST PORT USER PASSWORD SCHEMA N}.
 *
 * <p>It is driven by bench/run.sh over standard input and output, one line each way:
 * <pre>
 *   (start)   -> "READY n"            all n connections are logged in and idle ("FAILED ..." and exit 1 if not)
 *   "check"   -> "ALIVE k n"          a COM_PING on every connection; k of n answered OK
 *   "quit"    -> "CLOSED n"           COM_QUIT on every connection, then exit 0 (also on end of input)
 * </pre>
 * Progress and errors go to standard error.
 */
public final class IdleClients {
    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_LONG_FLAG = 0x4;
    private static final int CLIENT_CONNECT_WITH_DB = 0x8;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_TRANSACTIONS = 0x2000;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_MULTI_RESULTS = 0x20000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;
    private static final int UTF8MB4_GENERAL_CI = 45;
    private static final String NATIVE = "mysql_native_password";

    private IdleClients() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: java IdleClients.java HOST PORT USER PASSWORD SCHEMA COUNT");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String user = args[2];
        String password = args[3];
        String schema = args[4];
        int count = Integer.parseInt(args[5]);

        List<Conn> conns = new ArrayList<>(count);
        long started = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                Conn conn = Conn.open(host, port, user, password, schema);
                conn.selectOne();
                conns.add(conn);
                if ((i + 1) % 500 == 0) {
                    System.err.printf("idle-clients: %d connections open%n", i + 1);
                }
            }
        } catch (IOException | RuntimeException ex) {
            System.out.println("FAILED after " + conns.size() + " connections: " + ex);
            System.out.flush();
            closeAll(conns);
            System.exit(1);
        }
        System.err.printf("idle-clients: %d connections in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        System.out.println("READY " + conns.size());
        System.out.flush();

        BufferedReader control = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = control.readLine()) != null) {
            switch (line.trim()) {
                case "check" -> {
                    int alive = 0;
                    for (Conn conn : conns) {
                        if (conn.ping()) {
                            alive++;
                        }
                    }
                    System.out.println("ALIVE " + alive + " " + conns.size());
                }
                case "quit" -> {
                    closeAll(conns);
                    System.out.println("CLOSED " + conns.size());
                    System.out.flush();
                    return;
                }
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
        closeAll(conns);
    }

    private static void closeAll(List<Conn> conns) {
        for (Conn conn : conns) {
            conn.quit();
        }
    }

    /** One client connection with blocking I/O; the sequence id follows the protocol's rules. */
    private static final class Conn {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int sequence;

        private Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static Conn open(String host, int port, String user, String password, String schema) throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            Conn conn = new Conn(socket);
            try {
                conn.login(user, password, schema);
            } catch (IOException | RuntimeException ex) {
                socket.close();
                throw ex;
            }
            return conn;
        }

        private void login(String user, String password, String schema) throws IOException {
            byte[] greeting = readPacket();
            if ((greeting[0] & 0xff) == 0xff) {
                throw new IOException("server refused the connection: " + errorText(greeting));
            }
            if (greeting[0] != 10) {
                throw new IOException("not a protocol-10 handshake (first byte " + greeting[0] + ")");
            }
            int pos = indexOf(greeting, 1, (byte) 0) + 1; // after the server version
            pos += 4; // connection id
            byte[] scramble = new byte[20];
            System.arraycopy(greeting, pos, scramble, 0, 8);
            pos += 8 + 1; // auth-plugin-data part 1, filler
            pos += 2 + 1 + 2 + 2; // capabilities (low), charset, status, capabilities (high)
            pos += 1 + 10; // auth-plugin-data length, reserved
            System.arraycopy(greeting, pos, scramble, 8, 12);
            pos += 13;
            String plugin = pos < greeting.length
                    ? new String(greeting, pos, Math.max(0, indexOf(greeting, pos, (byte) 0) - pos),
                            StandardCharsets.US_ASCII)
                    : NATIVE;

            byte[] token = NATIVE.equals(plugin) ? nativeToken(password, scramble) : new byte[0];
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            int caps = CLIENT_LONG_PASSWORD | CLIENT_LONG_FLAG | CLIENT_CONNECT_WITH_DB | CLIENT_PROTOCOL_41
                    | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION | CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH;
            writeInt4(response, caps);
            writeInt4(response, 16 * 1024 * 1024);
            response.write(UTF8MB4_GENERAL_CI);
            response.write(new byte[23]);
            writeCString(response, user);
            response.write(token.length);
            response.write(token);
            writeCString(response, schema);
            writeCString(response, NATIVE);
            writePacket(response.toByteArray());

            while (true) {
                byte[] reply = readPacket();
                int kind = reply[0] & 0xff;
                if (kind == 0x00) {
                    return;
                }
                if (kind == 0xff) {
                    throw new IOException("login failed: " + errorText(reply));
                }
                if (kind == 0xfe) { // AuthSwitchRequest: plugin name, then the new scramble
                    int end = indexOf(reply, 1, (byte) 0);
                    String wanted = new String(reply, 1, end - 1, StandardCharsets.US_ASCII);
                    if (!NATIVE.equals(wanted)) {
                        throw new IOException("server asks for auth plugin " + wanted + "; only " + NATIVE
                                + " is implemented");
                    }
                    byte[] fresh = Arrays.copyOfRange(reply, end + 1, end + 21);
                    writePacket(nativeToken(password, fresh));
                    continue;
                }
                throw new IOException("unexpected login reply 0x" + Integer.toHexString(kind));
            }
        }

        /** SELECT 1 over COM_QUERY; reads the whole result set (no CLIENT_DEPRECATE_EOF: EOF packets). */
        void selectOne() throws IOException {
            sequence = 0;
            byte[] sql = "SELECT 1".getBytes(StandardCharsets.UTF_8);
            byte[] command = new byte[sql.length + 1];
            command[0] = 0x03;
            System.arraycopy(sql, 0, command, 1, sql.length);
            writePacket(command);
            byte[] first = readPacket();
            if ((first[0] & 0xff) == 0xff) {
                throw new IOException("SELECT 1 failed: " + errorText(first));
            }
            int columns = first[0] & 0xff;
            for (int i = 0; i < columns; i++) {
                readPacket();
            }
            expectEof(readPacket());
            int rows = 0;
            while (true) {
                byte[] row = readPacket();
                if ((row[0] & 0xff) == 0xfe && row.length < 9) {
                    break;
                }
                if ((row[0] & 0xff) == 0xff) {
                    throw new IOException("SELECT 1 failed: " + errorText(row));
                }
                rows++;
            }
            if (rows != 1) {
                throw new IOException("SELECT 1 returned " + rows + " rows");
            }
        }

        boolean ping() {
            try {
                sequence = 0;
                writePacket(new byte[] {0x0e});
                byte[] reply = readPacket();
                return reply[0] == 0x00;
            } catch (IOException ex) {
                return false;
            }
        }

        void quit() {
            try {
                sequence = 0;
                writePacket(new byte[] {0x01});
            } catch (IOException ignored) {
                // the connection is gone already
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }

        private static void expectEof(byte[] packet) throws IOException {
            if ((packet[0] & 0xff) != 0xfe) {
                throw new IOException("expected an EOF packet after the column definitions");
            }
        }

        private byte[] readPacket() throws IOException {
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new EOFException("connection closed by the server");
            }
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            sequence = (header[3] + 1) & 0xff;
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("connection closed by the server mid-packet");
            }
            if (length == 0) {
                throw new IOException("empty packet");
            }
            return payload;
        }

        private void writePacket(byte[] payload) throws IOException {
            byte[] frame = new byte[payload.length + 4];
            frame[0] = (byte) payload.length;
            frame[1] = (byte) (payload.length >>> 8);
            frame[2] = (byte) (payload.length >>> 16);
            frame[3] = (byte) sequence;
            System.arraycopy(payload, 0, frame, 4, payload.length);
            out.write(frame);
            out.flush();
            sequence = (sequence + 1) & 0xff;
        }

        private static String errorText(byte[] err) {
            int code = (err[1] & 0xff) | (err[2] & 0xff) << 8;
            int start = err.length > 3 && err[3] == '#' ? 9 : 3;
            return "error " + code + ": " + new String(err, start, err.length - start, StandardCharsets.UTF_8);
        }
    }

    /** mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))). */
    static byte[] nativeToken(String password, byte[] scramble) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] stage2 = sha1.digest(stage1);
            sha1.update(scramble, 0, 20);
            sha1.update(stage2);
            byte[] mix = sha1.digest();
            for (int i = 0; i < mix.length; i++) {
                mix[i] ^= stage1[i];
            }
            return mix;
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static int indexOf(byte[] bytes, int from, byte value) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return bytes.length;
    }

    private static void writeInt4(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private static void writeCString(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
