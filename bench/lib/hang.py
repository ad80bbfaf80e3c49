"""The hanging provider of bench system (h) and the callers that keep it busy. Standard library only.

  hang.py serve PORT SECONDS
      HTTP server on 127.0.0.1:PORT answering every POST only after SECONDS (a provider that hangs).
  hang.py call URL TOKEN_FILE BODY_FILE CALLERS SECONDS
      CALLERS threads, each POSTing to URL (bearer token read from TOKEN_FILE) at most once a second, for
      SECONDS; then prints one line "calls=N started=N open=N codes=STATUS:COUNT,..." where open counts the
      calls still waiting for an answer at the end.
"""
import collections
import http.server
import socketserver
import sys
import threading
import time
import urllib.error
import urllib.request


class HangingHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hang_seconds = 60.0

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(self.hang_seconds)
        body = '{"ketQua":"trả lời muộn"}'.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 1024


def serve(port, seconds):
    HangingHandler.hang_seconds = float(seconds)
    ThreadingServer(("127.0.0.1", int(port)), HangingHandler).serve_forever()


def call(url, token_file, body_file, callers, seconds):
    token = open(token_file, encoding="ascii").read().strip()
    body = open(body_file, "rb").read()
    deadline = time.monotonic() + float(seconds)
    codes = collections.Counter()
    counts = {"started": 0, "done": 0}
    lock = threading.Lock()

    def loop():
        while time.monotonic() < deadline:
            began = time.monotonic()
            request = urllib.request.Request(url, data=body, method="POST", headers={
                "Authorization": "Bearer " + token, "Content-Type": "application/json"})
            with lock:
                counts["started"] += 1
            try:
                with urllib.request.urlopen(request, timeout=120) as answer:
                    answer.read()
                    status = str(answer.status)
            except urllib.error.HTTPError as e:
                status = str(e.code)
            except OSError as e:
                status = type(e).__name__
            with lock:
                counts["done"] += 1
                codes[status] += 1
            time.sleep(max(0.0, 1.0 - (time.monotonic() - began)))

    for _ in range(int(callers)):
        threading.Thread(target=loop, daemon=True).start()
    time.sleep(max(0.0, deadline - time.monotonic()))
    with lock:
        summary = ",".join(f"{k}:{v}" for k, v in sorted(codes.items())) or "none"
        print(f"calls={counts['done']} started={counts['started']} open={counts['started'] - counts['done']} "
              f"codes={summary}", flush=True)


if __name__ == "__main__":
    {"serve": serve, "call": call}[sys.argv[1]](*sys.argv[2:])
