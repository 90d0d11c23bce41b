"""Minimal libvirt RPC client over a unix socket, for the raw-socket interop tests.

Speaks just enough of the wire format (census §1) to send hand-made and deliberately broken
frames and to decode replies and errors; everything else in tests/interop uses the real
libvirt clients. Standard library only (/usr/bin/python3).
"""
import socket
import struct
import time

REMOTE = 0x20008086
QEMU = 0x20008087
KEEPALIVE = 0x6B656570

CALL, REPLY, MESSAGE, STREAM = 0, 1, 2, 3
OK, ERROR, CONTINUE = 0, 1, 2

# Procedure numbers used by the tests.
CONNECT_OPEN = 1
CONNECT_CLOSE = 2
CONNECT_GET_TYPE = 3
CONNECT_GET_VERSION = 4
DOMAIN_DESTROY = 12
DOMAIN_GET_XML_DESC = 14
DOMAIN_LOOKUP_BY_NAME = 23
CONNECT_SUPPORTS_FEATURE = 60
AUTH_LIST = 66
CONNECT_GET_URI = 110
DOMAIN_SCREENSHOT = 211


def pad(n):
    return b"\0" * ((4 - n % 4) % 4)


def xstr(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack(">I", len(b)) + b + pad(len(b))


def xopt_str(s):
    return struct.pack(">I", 0) if s is None else struct.pack(">I", 1) + xstr(s)


def frame(prog, proc, serial, payload=b"", mtype=CALL, status=OK, vers=1):
    body = struct.pack(">IIiiIi", prog, vers, proc, mtype, serial, status) + payload
    return struct.pack(">I", 4 + len(body)) + body


class Reader:
    """XDR decoding of a reply payload."""

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def u32(self):
        v = struct.unpack_from(">I", self.data, self.pos)[0]
        self.pos += 4
        return v

    def i32(self):
        v = struct.unpack_from(">i", self.data, self.pos)[0]
        self.pos += 4
        return v

    def u64(self):
        v = struct.unpack_from(">Q", self.data, self.pos)[0]
        self.pos += 8
        return v

    def string(self):
        n = self.u32()
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n + len(pad(n))
        return s

    def opt_string(self):
        return self.string() if self.u32() else None

    def uuid(self):
        v = self.data[self.pos:self.pos + 16]
        self.pos += 16
        return v

    def domain(self):
        return (self.string(), self.uuid(), self.i32())


def decode_error(payload):
    r = Reader(payload)
    err = {"code": r.i32(), "domain": r.i32(), "message": r.opt_string(), "level": r.i32()}
    if r.u32():
        r.domain()
    err["str1"] = r.opt_string()
    err["str2"] = r.opt_string()
    err["str3"] = r.opt_string()
    err["int1"] = r.i32()
    err["int2"] = r.i32()
    return err


class Client:
    def __init__(self, path, timeout=10.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)  # blocking, so a full accept queue waits instead of failing
        self.sock.settimeout(timeout)
        self.serial = 0
        self.buf = b""
        self.messages = []  # MESSAGE frames seen while waiting for replies

    def close(self):
        self.sock.close()

    def send_raw(self, data):
        self.sock.sendall(data)

    def recv_frame(self):
        """Returns (header tuple, payload) or None on EOF."""
        while True:
            if len(self.buf) >= 4:
                (length,) = struct.unpack_from(">I", self.buf)
                if len(self.buf) >= length:
                    data, self.buf = self.buf[:length], self.buf[length:]
                    hdr = struct.unpack_from(">IIiiIi", data, 4)
                    return hdr, data[28:]
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk

    def call(self, proc, payload=b"", prog=REMOTE):
        """Sends a CALL and returns (status, payload) of its REPLY; other frames are kept."""
        serial = self.serial
        self.serial += 1
        self.send_raw(frame(prog, proc, serial, payload))
        return self.wait_reply(serial)

    def wait_reply(self, serial):
        while True:
            got = self.recv_frame()
            if got is None:
                raise ConnectionError("connection closed while waiting for serial %d" % serial)
            hdr, payload = got
            if hdr[3] == REPLY and hdr[4] == serial:
                return hdr[5], payload
            if hdr[0] == KEEPALIVE and hdr[2] == 1:
                self.send_raw(frame(KEEPALIVE, 2, 0, mtype=MESSAGE))
                continue
            self.messages.append((hdr, payload))

    def call_ok(self, proc, payload=b""):
        status, body = self.call(proc, payload)
        if status != OK:
            raise RuntimeError("call %d failed: %r" % (proc, decode_error(body)))
        return body

    def handshake(self, uri="test:///default", flags=0):
        self.call_ok(AUTH_LIST)
        self.call_ok(CONNECT_OPEN, xopt_str(uri) + struct.pack(">I", flags))

    def at_eof(self, timeout=5.0):
        """True when the server closes the connection within `timeout` (frames are skipped)."""
        deadline = time.monotonic() + timeout
        self.sock.settimeout(0.2)
        try:
            while time.monotonic() < deadline:
                try:
                    chunk = self.sock.recv(65536)
                except socket.timeout:
                    continue
                except ConnectionResetError:
                    return True
                if not chunk:
                    return True
            return False
        finally:
            self.sock.settimeout(10.0)
