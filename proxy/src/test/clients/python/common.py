"""Shared parts of the Python client checks: where to connect, value normalisation, the transcript comparison,
a TLS sniffer, and the main loop that runs the scenario directly and through Shardline.

Every check runs the same scenario (scenario.py) against the MariaDB primary and against Shardline, records a
transcript (a list of (step, data) pairs), and compares the transcripts step by step. Settings come from the
environment so run-all.sh and a developer's shell can point the checks anywhere.
"""
import datetime
import decimal
import hashlib
import json
import os
import re
import socket
import struct
import sys
import threading

HOST = os.environ.get("CHECK_HOST", "127.0.0.1")
SCHEMA = os.environ.get("CHECK_SCHEMA", "clients_check")
DIRECT = {"port": int(os.environ.get("DIRECT_PORT", "29316")),
          "user": os.environ.get("DIRECT_USER", "shardline"),
          "password": os.environ.get("DIRECT_PASSWORD", "shardline")}
PROXY = {"port": int(os.environ.get("PROXY_PORT", "29307")),
         "user": os.environ.get("PROXY_USER", "shardline"),
         "password": os.environ.get("PROXY_PASSWORD", "shardline")}
SHA2_PASSWORD = os.environ.get("SHA2_PASSWORD", "sha2pass")
OUT_DIR = os.environ.get("CHECK_OUT_DIR")  # when set, transcripts are written there as JSON

# Differences that are deliberate in Shardline and documented in its code: shown as NOTE, never failing.
ALLOWED = {
    "handshake.server_version": "Shardline greets with '5.7.19-<backend version>' (ServerVersions.java)",
    "handshake.capabilities": "Shardline offers its own capability set, CLIENT_MYSQL set, no compression "
                              "(Capabilities.PROXY_OFFERED); the sandbox MariaDB has TLS disabled",
}


def sha2_user(kind, driver):
    """The caching_sha2_password account run-all.sh creates for one driver and path (kind: tls or rsa)."""
    return "sha2_%s_%s" % (kind, driver)


def norm(value):
    """A JSON-friendly, type-revealing form of a value as the driver returned it."""
    if value is None or isinstance(value, (bool, int, str)):
        if isinstance(value, str) and len(value) > 300:
            return "str[%d] sha256=%s" % (len(value), hashlib.sha256(value.encode()).hexdigest()[:16])
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        if len(data) > 64:
            return "bytes[%d] sha256=%s" % (len(data), hashlib.sha256(data).hexdigest()[:16])
        return repr(data)  # b'...': the bytes, readable
    if isinstance(value, float):
        return "float:" + repr(value)
    if isinstance(value, decimal.Decimal):
        return "Decimal:" + str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        return type(value).__name__ + ":" + str(value)
    if isinstance(value, (set, frozenset)):
        return {"set": sorted(norm(v) for v in value)}
    if isinstance(value, (list, tuple)):
        return [norm(v) for v in value]
    if isinstance(value, dict):
        return {str(k): norm(v) for k, v in value.items()}
    return type(value).__name__ + ":" + repr(value)


def differences(direct, proxy, path=""):
    """Paths where two normalised values differ, as readable lines."""
    if isinstance(direct, dict) and isinstance(proxy, dict):
        lines = []
        for key in list(direct) + [k for k in proxy if k not in direct]:
            lines += differences(direct.get(key, "<absent>"), proxy.get(key, "<absent>"), "%s.%s" % (path, key))
        return lines
    if isinstance(direct, list) and isinstance(proxy, list):
        lines = []
        if len(direct) != len(proxy):
            lines.append("%s: direct has %d items, proxy has %d" % (path or ".", len(direct), len(proxy)))
        for i, (d, p) in enumerate(zip(direct, proxy)):
            lines += differences(d, p, "%s[%d]" % (path, i))
        return lines
    if direct != proxy:
        return ["%s: direct=%s proxy=%s" % (path or ".", short(direct), short(proxy))]
    return []


def short(value):
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 400 else text[:400] + "..."


class Outcome:
    """Counts passed and failed comparisons and prints them."""

    def __init__(self, driver):
        self.driver, self.passed, self.failed = driver, 0, 0
        self.fields = {}  # differing field (path without step and indexes) -> count, for the summary

    def compare(self, label, direct, proxy):
        """Compares two transcripts ([(step, data)]) step by step."""
        if OUT_DIR:
            os.makedirs(OUT_DIR, exist_ok=True)
            for name, steps in (("direct", direct), (label, proxy)):
                with open(os.path.join(OUT_DIR, "%s-%s.json" % (self.driver, name)), "w") as out:
                    json.dump(steps, out, indent=1, ensure_ascii=False, default=str)
        proxy_steps = dict(proxy)
        aborted = proxy_steps.pop("aborted", None)
        for step, data in direct:
            if aborted is not None and step not in proxy_steps:
                self.check("%s: %s" % (label, step), ["the scenario stopped before this step: %s" % short(aborted)])
                break
            other = proxy_steps.pop(step, "<step missing>")
            lines = differences(data, other, step)
            allowed = [line for line in lines if line.split(":")[0] in ALLOWED]
            for line in allowed:
                print("NOTE  %s: %s\n        (deliberate: %s)" % (label, line, ALLOWED[line.split(":")[0]]))
            self.check("%s: %s" % (label, step), [line for line in lines if line not in allowed])
        for step in proxy_steps:
            self.check("%s: %s" % (label, step), ["step only in the proxy transcript"])

    def check(self, name, problems):
        if problems:
            self.failed += 1
            for line in problems:
                path = line.split(":")[0]
                field = ".".join(re.sub(r"\[\d+\]", "", path).split(".")[1:]) or path
                self.fields[field] = self.fields.get(field, 0) + 1
            print("FAIL  %s" % name)
            for line in problems[:25]:
                print("        " + line)
            if len(problems) > 25:
                print("        ... %d more differences" % (len(problems) - 25))
        else:
            self.passed += 1
            print("PASS  %s" % name)

    def finish(self):
        if self.fields:
            print("Differences by field, all steps (most frequent first):")
            for field, count in sorted(self.fields.items(), key=lambda item: -item[1]):
                print("  %dx  %s" % (count, field))
        print("%s: %d passed, %d failed" % (self.driver, self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


class TlsSniffer:
    """A one-connection TCP relay to Shardline that notes whether the client sent an SSLRequest packet (a 32-byte
    HandshakeResponse with CLIENT_SSL) before its TLS ClientHello: proof that the connection really used TLS, for
    drivers that cannot tell (Ssl_cipher would be answered by the backend connection, not the client's)."""

    def __init__(self, port):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.target = port
        self.seen = []  # per connection: [SSLRequest seen, TLS ClientHello seen]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(("127.0.0.1", self.target))
            self.seen.append([False, False])
            threading.Thread(target=self._pump, args=(server, client, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(client, server, self.seen[-1]), daemon=True).start()

    def _pump(self, source, sink, seen):
        hello_pending = False
        first = True
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if seen is not None and first and len(data) >= 8:
                    length, seq = data[0] | data[1] << 8 | data[2] << 16, data[3]
                    caps = struct.unpack("<I", data[4:8])[0]
                    seen[0] = length == 32 and seq == 1 and bool(caps & 0x800)
                    if seen[0] and len(data) > 36:
                        seen[1] = data[36] == 0x16
                    hello_pending = seen[0] and len(data) == 36
                elif hello_pending:
                    seen[1], hello_pending = data[0] == 0x16, False
                first = False
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def used_tls(self):
        """Problems found: empty when every connection so far switched to TLS."""
        if not self.seen:
            return ["no connection went through the TLS sniffer"]
        return ["connection %d: SSLRequest=%s, TLS ClientHello=%s" % (i + 1, ssl, hello)
                for i, (ssl, hello) in enumerate(self.seen) if not (ssl and hello)]

    def used_plain(self):
        """Problems found: empty when no connection so far asked for TLS."""
        if not self.seen:
            return ["no connection went through the TLS sniffer"]
        return ["connection %d sent an SSLRequest" % (i + 1) for i, (ssl, _) in enumerate(self.seen) if ssl]
