"""Stalled clients are cut off: a body that stops arriving gets a 408, and a connection
that sends nothing is closed. Runs against a mock started with `--timeout 2`.

usage: slow_clients.py BASE_URL
"""
import socket
import sys
import time
from urllib.parse import urlparse

TIMEOUT = 2  # the mock's --timeout


def connect(base):
    url = urlparse(base)
    return socket.create_connection((url.hostname, url.port), timeout=TIMEOUT * 5)


def read_all(sock):
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def main(base):
    failures = []

    with connect(base) as sock:
        started = time.monotonic()
        sock.sendall(
            b"POST /stores/slow/v3/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n[{\"email\""
        )
        reply = read_all(sock)
        waited = time.monotonic() - started
        status = reply.split(b"\r\n", 1)[0].decode(errors="replace")
        if b" 408 " not in reply.split(b"\r\n", 1)[0]:
            failures.append(f"a stalled body got {status!r}, not 408")
        elif not TIMEOUT - 0.5 <= waited <= TIMEOUT * 3:
            failures.append(f"a stalled body was answered after {waited:.1f}s, not about {TIMEOUT}s")
        else:
            print(f"stalled body: {status} after {waited:.1f}s")

    with connect(base) as sock:
        started = time.monotonic()
        closed = read_all(sock) == b""
        waited = time.monotonic() - started
        if not closed or not TIMEOUT <= waited <= TIMEOUT * 3:
            failures.append(f"an idle connection was not closed within {TIMEOUT * 3}s")
        else:
            print(f"idle connection: closed after {waited:.1f}s")

    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv[1])
