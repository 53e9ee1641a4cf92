"""Webhook subscribers for the benchmark, on one loopback port: POST /fast acknowledges at once,
POST /slow after SLOW_MS milliseconds. GET /stats answers, per path, how many deliveries arrived
and the monotonic times of the first and the last. Prints its port, then serves until killed.

  webhook_receiver.py [SLOW_MS]
"""
import asyncio
import json
import sys
import time

SLOW = (int(sys.argv[1]) if len(sys.argv) > 1 else 200) / 1000
stats = {}


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            length = 0
            for line in lines[1:]:
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            if length:
                await reader.readexactly(length)
            if method == "GET":
                body = json.dumps(stats).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            else:
                now = time.monotonic()
                entry = stats.setdefault(path, {"count": 0, "first": now, "last": now})
                entry["count"] += 1
                entry["last"] = now
                if path == "/slow":
                    await asyncio.sleep(SLOW)
                writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
