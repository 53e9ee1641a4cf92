"""The webhooks guide's verification snippet and the mock's deliveries, checked by code that is
not Specsmith's: the snippet itself, and the standardwebhooks library.

  check_webhooks.py GUIDE SPECSMITH

1. The Python snippet on GUIDE verifies the delivery the page shows, and refuses it with one byte
   of the body changed.
2. A receiver on a free loopback port; SPECSMITH's mock started with --webhook to it; a customer
   created, changed and deleted through the API. The three deliveries arrive in that order, each
   verified by the snippet and by standardwebhooks, with distinct webhook-ids; a request the API
   refuses sends nothing.
"""
import http.server
import json
import re
import subprocess
import sys
import threading
import time
import urllib.request

from standardwebhooks import Webhook

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def snippet(page):
    found = re.search(r"```python\n(.*?)```", page, re.S)
    if not found:
        sys.exit("the guide has no ```python block with the verification snippet")
    names = {}
    exec(found.group(1), names)
    if "verify" not in names:
        sys.exit("the guide's snippet defines no verify(secret, headers, body)")
    return names["verify"]


def shown_delivery(page):
    block = re.search(r'```http webhook="[^"]+" secret="([^"]+)"[^\n]*\n(.*?)```', page, re.S)
    if not block:
        sys.exit("the guide shows no delivery (```http webhook=...)")
    lines = block.group(2).rstrip("\n").split("\n")
    blank = lines.index("")
    headers = {line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip() for line in lines[1:blank]}
    return block.group(1), headers, "\n".join(lines[blank + 1:]).encode()


class Receiver(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def call(base, method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, None


def main(guide, specsmith):
    page = open(guide).read()
    verify = snippet(page)
    secret, headers, body = shown_delivery(page)
    # The page's delivery was made at a fixed time: only its signature is checked here.
    assert verify(secret, headers, body, tolerance=10**12), "the snippet refuses the delivery the guide shows"
    assert not verify(secret, headers, body.replace(b'"id":', b'"id" :'), tolerance=10**12), "the snippet accepts a changed body"
    print("ok: the guide's snippet verifies the delivery it shows, and refuses a changed one")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    mock = subprocess.Popen(
        ["timeout", "120", specsmith, "mock", "--host", "127.0.0.1", "--port", "0", "--log-level", "warning", "--empty",
         "--webhook", hook, "--webhook-secret", SECRET],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = None
        for line in mock.stdout:
            found = re.match(r"Specsmith mock listening on (http://[^/]+)/", line)
            if found:
                base = found.group(1)
                break
        assert base, "the mock did not start"
        api = base + "/stores/ci/v3"
        status, _ = call(api, "POST", "/customers", [{"email": "not-an-email", "first_name": "A", "last_name": "B"}])
        assert status == 422, f"an invalid customer was answered {status}"
        status, created = call(api, "POST", "/customers", [{"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace"}])
        assert status == 200, f"create answered {status}"
        customer = created["data"][0]["id"]
        assert call(api, "PUT", "/customers", [{"id": customer, "notes": "VIP"}])[0] == 200
        assert call(api, "DELETE", f"/customers?id:in={customer}")[0] == 204
        deadline = time.time() + 20
        while len(Receiver.received) < 3 and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # anything more would arrive now
        scopes = [json.loads(body)["scope"] for _, body in Receiver.received]
        assert scopes == ["store/customer/created", "store/customer/updated", "store/customer/deleted"], f"received {scopes}"
        library = Webhook(SECRET)
        for headers, body in Receiver.received:
            assert verify(SECRET, headers, body), f"the snippet refuses {headers['webhook-id']}"
            library.verify(body, headers)  # raises when the signature or the timestamp is wrong
            assert json.loads(body)["data"]["id"] == customer
        ids = [headers["webhook-id"] for headers, _ in Receiver.received]
        assert len(set(ids)) == 3, f"webhook-ids repeat: {ids}"
        print(f"ok: {len(ids)} deliveries in order ({', '.join(scopes)}), each verified by the snippet and by standardwebhooks; "
              "the refused request sent nothing")
    finally:
        mock.terminate()
        mock.wait(timeout=10)
        server.shutdown()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
