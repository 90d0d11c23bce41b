#!/usr/bin/python3
"""Raw-socket robustness tests: malformed, oversized, truncated and unexpected frames, clients
that vanish mid-call, many concurrent clients. After each abuse the daemon must still be alive
and must still serve a well-behaved client; where libvirtd answers with an error, nodevirtd
must answer with the same code, domain and message.
"""
import os
import socket
import struct
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lvrpc  # noqa: E402
from daemon_fixture import PrivateDaemon  # noqa: E402
from lvrpc import (AUTH_LIST, CONNECT_OPEN, CONNECT_SUPPORTS_FEATURE, DOMAIN_LOOKUP_BY_NAME,
                   ERROR, KEEPALIVE, MESSAGE, OK, REMOTE, REPLY, STREAM, CONTINUE, Client,
                   decode_error, frame, xopt_str, xstr)  # noqa: E402

DAEMON = None


def setUpModule():
    global DAEMON
    DAEMON = PrivateDaemon(extra_conf="keepalive_interval = 1\nkeepalive_count = 2\n").start()


def tearDownModule():
    code = DAEMON.stop()
    log, stderr = DAEMON.read_log(), DAEMON.read_stderr()
    DAEMON.cleanup()
    if code != 0:
        raise RuntimeError("nodevirtd exited with %r; log tail:\n%s\nstderr tail:\n%s"
                           % (code, log[-4000:], stderr[-6000:]))


class Base(unittest.TestCase):
    def client(self):
        c = Client(DAEMON.rw_socket)
        self.addCleanup(c.close)
        return c

    def assertHealthy(self):
        self.assertTrue(DAEMON.alive(), "daemon died")
        c = Client(DAEMON.rw_socket)
        try:
            c.handshake()
            body = c.call_ok(DOMAIN_LOOKUP_BY_NAME, xstr("test"))
            self.assertEqual(lvrpc.Reader(body).domain()[0], "test")
        finally:
            c.close()

    def assertRpcError(self, status, payload, code, domain, message):
        self.assertEqual(status, ERROR)
        err = decode_error(payload)
        self.assertEqual((err["code"], err["domain"], err["message"]), (code, domain, message))
        self.assertEqual(err["level"], 2)
        self.assertEqual((err["int1"], err["int2"]), (-1, -1))
        return err


class FramingTests(Base):
    def test_length_below_header(self):
        c = self.client()
        c.send_raw(struct.pack(">I", 8) + b"\0" * 4)
        self.assertTrue(c.at_eof())
        self.assertHealthy()

    def test_length_zero(self):
        c = self.client()
        c.send_raw(b"\0\0\0\0")
        self.assertTrue(c.at_eof())
        self.assertHealthy()

    def test_length_above_32_mib(self):
        c = self.client()
        c.send_raw(struct.pack(">I", 33554436 + 1) + b"\0" * 24)
        self.assertTrue(c.at_eof())
        self.assertHealthy()

    def test_largest_valid_length_is_buffered_not_refused(self):
        # 32 MiB + 4 is legal: the daemon must wait for the bytes, not drop the client.
        c = self.client()
        c.send_raw(struct.pack(">I", 33554436) + struct.pack(">IIiiIi", REMOTE, 1, 3, 0, 0, 0))
        self.assertFalse(c.at_eof(timeout=1.0))
        self.assertHealthy()

    def test_truncated_frame_then_close(self):
        c = Client(DAEMON.rw_socket)
        data = frame(REMOTE, AUTH_LIST, 0)
        c.send_raw(data[:10])
        c.close()
        self.assertHealthy()

    def test_truncated_frame_does_not_stall_others(self):
        c = self.client()
        c.send_raw(frame(REMOTE, AUTH_LIST, 0)[:17])
        self.assertHealthy()

    def test_garbage_frames(self):
        # Well-framed garbage: random headers and payloads, deterministic per run.
        import random
        rng = random.Random(1234)
        c = self.client()
        for _ in range(200):
            body = bytes(rng.getrandbits(8) for _ in range(rng.randrange(24, 200)))
            c.send_raw(struct.pack(">I", 4 + len(body)) + body)
        self.assertHealthy()


class ErrorReplyTests(Base):
    def test_unknown_program(self):
        c = self.client()
        st, p = c.call(3, prog=0x12345678)
        self.assertRpcError(st, p, 39, 7, "Cannot find program 305419896 version 1")
        self.assertEqual(c.call(AUTH_LIST)[0], OK)

    def test_unknown_version(self):
        c = self.client()
        c.send_raw(frame(REMOTE, 3, 7, vers=2))
        st, p = c.wait_reply(7)
        self.assertRpcError(st, p, 39, 7, "Cannot find program 536903814 version 2")

    def test_unknown_procedure(self):
        c = self.client()
        c.handshake()
        for proc in (0, -5, 9999):
            st, p = c.call(proc)
            err = self.assertRpcError(st, p, 39, 7, "unknown procedure: %d" % proc)
            self.assertEqual(err["str1"], "%s")

    def test_undecodable_arguments(self):
        c = self.client()
        c.handshake()
        st, p = c.call(DOMAIN_LOOKUP_BY_NAME, b"\0\0\0\x10ab")
        self.assertRpcError(st, p, 39, 7, "Unable to decode message payload")
        # Trailing bytes after valid arguments are accepted, as libvirtd does.
        st, p = c.call(DOMAIN_LOOKUP_BY_NAME, xstr("test") + b"junkjunk")
        self.assertEqual(st, OK)

    def test_hostile_string_length(self):
        c = self.client()
        c.handshake()
        st, p = c.call(DOMAIN_LOOKUP_BY_NAME, struct.pack(">I", 0xFFFFFFF0) + b"abcd")
        self.assertRpcError(st, p, 39, 7, "Unable to decode message payload")
        self.assertHealthy()

    def test_call_before_open(self):
        c = self.client()
        c.call_ok(AUTH_LIST)
        st, p = c.call(DOMAIN_LOOKUP_BY_NAME, xstr("test"))
        self.assertRpcError(st, p, 1, 7, "internal error: hypervisor connection not open")
        st, p = c.call(CONNECT_SUPPORTS_FEATURE, struct.pack(">i", 14))
        self.assertRpcError(st, p, 1, 7, "internal error: hypervisor connection not open")
        st, p = c.call(CONNECT_SUPPORTS_FEATURE, struct.pack(">i", 10))
        self.assertEqual((st, p), (OK, struct.pack(">i", 1)))

    def test_second_open(self):
        c = self.client()
        c.handshake()
        st, p = c.call(CONNECT_OPEN, xopt_str("test:///default") + struct.pack(">I", 0))
        self.assertRpcError(st, p, 1, 7, "internal error: connection already open")
        # libvirtd drops the open connection in that case; so do we.
        st, p = c.call(3)
        self.assertRpcError(st, p, 1, 7, "internal error: hypervisor connection not open")

    def test_open_unknown_driver(self):
        c = self.client()
        c.call_ok(AUTH_LIST)
        st, p = c.call(CONNECT_OPEN, xopt_str("bogus:///x") + struct.pack(">I", 0))
        self.assertRpcError(st, p, 5, 0, "no connection driver available for bogus:///x")
        c.call_ok(CONNECT_OPEN, xopt_str("test:///default") + struct.pack(">I", 0))

    def test_unexpected_status(self):
        c = self.client()
        c.send_raw(frame(REMOTE, AUTH_LIST, 9, status=ERROR))
        st, p = c.wait_reply(9)
        self.assertRpcError(st, p, 39, 7, "Unexpected message status 1")

    def test_unexpected_types_are_ignored(self):
        c = self.client()
        c.handshake()
        c.send_raw(frame(REMOTE, 3, 50, mtype=REPLY))
        c.send_raw(frame(REMOTE, 3, 51, mtype=MESSAGE))
        c.send_raw(frame(REMOTE, 211, 52, payload=b"xx", mtype=STREAM, status=CONTINUE))
        c.send_raw(frame(REMOTE, 3, 53, mtype=7))
        st, p = c.call(3)
        self.assertEqual(st, OK)
        self.assertEqual(lvrpc.Reader(p).string(), "TEST")
        self.assertEqual([h for h, _ in c.messages if h[3] == REPLY], [])


class LifecycleTests(Base):
    def test_client_vanishes_mid_call(self):
        for proc, payload in ((4, b""), (7, b""), (211, None)):
            c = Client(DAEMON.rw_socket)
            c.handshake()
            if payload is None:  # a stream call: screenshot of the test domain
                dom = c.call_ok(DOMAIN_LOOKUP_BY_NAME, xstr("test"))
                payload = dom + struct.pack(">II", 0, 0)
            c.send_raw(frame(REMOTE, proc, 100, payload))
            c.close()
        self.assertHealthy()

    def test_many_concurrent_clients(self):
        n = 200
        clients = []
        for _ in range(n):
            c = Client(DAEMON.rw_socket, timeout=60)
            clients.append(c)
        self.addCleanup(lambda: [c.close() for c in clients])
        errors = []

        def work(c):
            try:
                c.handshake()
                body = c.call_ok(DOMAIN_LOOKUP_BY_NAME, xstr("test"))
                if lvrpc.Reader(body).domain()[0] != "test":
                    errors.append("wrong domain")
            except Exception as e:  # noqa: BLE001 - any failure is a test failure
                errors.append(repr(e))

        threads = [threading.Thread(target=work, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(errors, [])
        self.assertHealthy()

    def test_server_keepalive_pings_and_closes(self):
        c = self.client()
        c.call_ok(AUTH_LIST)
        st, p = c.call(CONNECT_SUPPORTS_FEATURE, struct.pack(">i", 10))
        self.assertEqual(p, struct.pack(">i", 1))
        # interval 1 s, count 2: a PING arrives, and unanswered PINGs end the connection.
        c.sock.settimeout(30)
        got = c.recv_frame()
        self.assertIsNotNone(got)
        hdr, payload = got
        self.assertEqual((hdr[0], hdr[2], hdr[3], hdr[4]), (KEEPALIVE, 1, MESSAGE, 0))
        self.assertTrue(c.at_eof(timeout=30))

    def test_keepalive_answered_keeps_connection(self):
        c = self.client()
        c.handshake()
        c.call_ok(CONNECT_SUPPORTS_FEATURE, struct.pack(">i", 10))
        deadline = time.monotonic() + 30
        pings = 0
        c.sock.settimeout(5)
        while pings < 3 and time.monotonic() < deadline:
            hdr, _ = c.recv_frame()
            if hdr[0] == KEEPALIVE and hdr[2] == 1:
                pings += 1
                c.send_raw(frame(KEEPALIVE, 2, 0, mtype=MESSAGE))
        self.assertEqual(pings, 3)
        st, _ = c.call(3)
        self.assertEqual(st, OK)

    def test_client_ping_is_answered(self):
        c = self.client()
        c.handshake()
        c.send_raw(frame(KEEPALIVE, 1, 0, mtype=MESSAGE))
        c.sock.settimeout(10)
        hdr, payload = c.recv_frame()
        self.assertEqual((hdr[0], hdr[2], hdr[3]), (KEEPALIVE, 2, MESSAGE))


if __name__ == "__main__":
    unittest.main(verbosity=2)
