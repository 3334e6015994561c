package io.shardline.proxy.it;

import io.shardline.proxy.protocol.auth.NativePassword;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A deliberately minimal MySQL client over a plain socket, for what real drivers cannot send: malformed packets,
 * unknown commands, oversized headers, and commands drivers rarely use (COM_STATISTICS, COM_FIELD_LIST,
 * COM_RESET_CONNECTION). Blocking I/O with a read timeout, so a proxy that hangs fails the test instead.
 */
final class RawClient implements AutoCloseable {
    static final long CAPABILITIES = 0x1 | 0x4 | 0x8 | 0x200 | 0x2000 | 0x8000 | 0x10000 | 0x20000 | 0x80000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int sequence;

    record Reply(int sequenceId, byte[] payload) {
        int header() {
            return payload.length == 0 ? -1 : payload[0] & 0xff;
        }

        boolean isOk() {
            return header() == 0x00;
        }

        boolean isErr() {
            return header() == 0xff;
        }

        int errorCode() {
            return (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
        }

        String errorMessage() {
            return new String(payload, 9, payload.length - 9, StandardCharsets.UTF_8);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Reads the greeting and logs in with mysql_native_password; returns the server's reply to the login. */
    Reply login(String user, String password, String database) throws IOException {
        return login(user, password, database, 45, 0);
    }

    /** Logs in with a chosen handshake collation and extra capability bits (e.g. 0x80 CLIENT_LOCAL_FILES). */
    Reply login(String user, String password, String database, int collation, long extraCapabilities)
            throws IOException {
        Reply greeting = read();
        byte[] scramble = scrambleOf(greeting.payload());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long caps = CAPABILITIES | extraCapabilities | (database == null ? 0 : 0x8);
        writeIntLE(body, (int) caps);
        writeIntLE(body, 1 << 24);
        body.write(collation);
        body.write(new byte[23]);
        body.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        body.write(0);
        byte[] auth = NativePassword.scramble(password.getBytes(StandardCharsets.UTF_8), scramble);
        body.write(auth.length);
        body.writeBytes(auth);
        if (database != null) {
            body.writeBytes(database.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        body.write(0);
        sequence = greeting.sequenceId() + 1;
        writePacket(body.toByteArray());
        return read();
    }

    static byte[] scrambleOf(byte[] greeting) {
        int versionEnd = 1;
        while (greeting[versionEnd] != 0) {
            versionEnd++;
        }
        int part1 = versionEnd + 1 + 4;
        byte[] result = Arrays.copyOfRange(greeting, part1, part1 + 8);
        int part2 = part1 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
        byte[] rest = Arrays.copyOfRange(greeting, part2, part2 + 12);
        byte[] all = Arrays.copyOf(result, 20);
        System.arraycopy(rest, 0, all, 8, 12);
        return all;
    }

    /** Sends one command packet (sequence 0) and reads the first reply packet. */
    Reply command(byte... payload) throws IOException {
        sequence = 0;
        writePacket(payload);
        return read();
    }

    Reply query(String sql) throws IOException {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 1];
        payload[0] = 0x03;
        System.arraycopy(text, 0, payload, 1, text.length);
        return command(payload);
    }

    /**
     * Reads the rest of a text-protocol response that started with {@code first} (this client does not ask for
     * DEPRECATE_EOF): OK or ERR alone, or column count, definitions, EOF, rows, EOF. Returns the last packet.
     */
    Reply drainUntilEnd(Reply first) throws IOException {
        if (first.isOk() || first.isErr()) {
            return first;
        }
        int columns = first.payload()[0] & 0xff;
        for (int i = 0; i < columns; i++) {
            read();
        }
        read();
        Reply current = read();
        while (!current.isErr() && !(current.header() == 0xfe && current.payload().length < 9)) {
            current = read();
        }
        return current;
    }

    /** Every packet of a text-protocol response that started with {@code first}, {@code first} included. */
    java.util.List<Reply> response(Reply first) throws IOException {
        java.util.List<Reply> result = new java.util.ArrayList<>(java.util.List.of(first));
        if (first.isOk() || first.isErr()) {
            return result;
        }
        int columns = first.payload()[0] & 0xff;
        for (int i = 0; i <= columns; i++) {
            result.add(read());
        }
        Reply current;
        do {
            current = read();
            result.add(current);
        } while (!current.isErr() && !(current.header() == 0xfe && current.payload().length < 9));
        return result;
    }

    /** The text rows of a result set that started with {@code first}, each as its raw payload. */
    java.util.List<Reply> rows(Reply first) throws IOException {
        java.util.List<Reply> result = new java.util.ArrayList<>();
        if (first.isOk() || first.isErr()) {
            return result;
        }
        int columns = first.payload()[0] & 0xff;
        for (int i = 0; i <= columns; i++) {
            read();
        }
        for (Reply current = read(); !(current.header() == 0xfe && current.payload().length < 9); current = read()) {
            if (current.isErr()) {
                throw new IOException("error inside the result: " + current.text());
            }
            result.add(current);
        }
        return result;
    }

    /** The character-set/collation id of each column of a result set that started with {@code first}. */
    java.util.List<Integer> columnCollations(Reply first) throws IOException {
        java.util.List<Integer> result = new java.util.ArrayList<>();
        int columns = first.payload()[0] & 0xff;
        for (int i = 0; i < columns; i++) {
            byte[] definition = read().payload();
            int position = 0;
            for (int field = 0; field < 6; field++) {
                position += 1 + (definition[position] & 0xff);
            }
            position++;
            result.add((definition[position] & 0xff) | (definition[position + 1] & 0xff) << 8);
        }
        read();
        for (Reply current = read(); !(current.header() == 0xfe && current.payload().length < 9); current = read()) {
            if (current.isErr()) {
                break;
            }
        }
        return result;
    }

    /** True when a response read by {@link #drainUntilEnd} ended well (OK or the final EOF). */
    static boolean succeeded(Reply last) {
        return !last.isErr();
    }

    void writePacket(byte[] payload) throws IOException {
        byte[] header = {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16),
                (byte) sequence++};
        out.write(header);
        out.write(payload);
        out.flush();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Reply read() throws IOException {
        byte[] header = new byte[4];
        in.readFully(header);
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        byte[] payload = new byte[length];
        in.readFully(payload);
        sequence = (header[3] & 0xff) + 1;
        return new Reply(header[3] & 0xff, payload);
    }

    /** True when the server closed the connection (EOF on read). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | java.net.SocketException ex) {
            return true;
        }
    }

    private static void writeIntLE(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >> 8);
        out.write(value >> 16);
        out.write(value >> 24);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
