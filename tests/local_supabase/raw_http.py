"""HTTP/1.1 on a bare socket, for tests that must send exactly what they say.

A body can be left unfinished (no final chunk, fewer bytes than Content-Length): a server that
waits for the rest of it never answers and the test times out, which is how these tests prove
that a limit is applied while reading, not after.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import httpx

# A server that closes after answering does so at once; one that keeps the connection open is
# known to after this long (waiting out the socket's whole timeout cost 15 s a test).
CLOSE_WAIT_SECONDS = 1.0


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool  # the server closed the connection after answering


def raw_exchange(base_url: str, method: str, path: str, headers: dict[str, str],
                 body_parts: Iterable[bytes] = ()) -> RawResponse:
    """Send the head and the body parts as given (no terminator added), then read the answer."""
    url = httpx.URL(base_url)
    with socket.create_connection((url.host, url.port), timeout=15) as sock:
        head = f"{method} {path} HTTP/1.1\r\nhost: {url.host}:{url.port}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        sock.sendall(head.encode())
        for part in body_parts:
            sock.sendall(part)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            assert chunk, f"connection closed before a response: {data!r}"
            data += chunk
        head_bytes, body = data.split(b"\r\n\r\n", 1)
        status_line, *lines = head_bytes.decode("latin-1").split("\r\n")
        response_headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            response_headers[name.strip().lower()] = value.strip()
        length = int(response_headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            assert chunk, "connection closed inside the response body"
            body += chunk
        sock.settimeout(CLOSE_WAIT_SECONDS)
        try:
            closed = sock.recv(1) == b""
        except TimeoutError:
            closed = False
    return RawResponse(int(status_line.split()[1]), response_headers, body[:length], closed)


def chunked(total: int, size: int = 16 * 1024) -> Iterator[bytes]:
    """`total` bytes in chunked framing, without the final zero-length chunk."""
    sent = 0
    while sent < total:
        part = min(size, total - sent)
        sent += part
        yield f"{part:x}\r\n".encode() + b"x" * part + b"\r\n"
