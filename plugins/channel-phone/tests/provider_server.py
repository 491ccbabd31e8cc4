#!/usr/bin/python3
"""Plays an SMS provider's HTTP API for channel-phone's tests, on 127.0.0.1.

Every request except those to /__control is appended to the log file as one JSON line:
{"method", "path", "headers", "body"} (the body as UTF-8 text). Each is answered by the next
scripted response, else by the default one. POST /__control takes JSON:
  {"default": {"status": 201, "body": "...", "delay": 0}}   the answer when nothing is scripted
  {"script": [{"status": 500, "body": "..."}, ...]}          the next answers, in order
A body may hold "{n}", replaced by the request's number (1, 2, ...), so ids differ. A "delay" in
seconds sleeps before answering, to outlast the client's timeout.

Usage: provider_server.py PORT_FILE LOG_FILE   (writes the port it listens on to PORT_FILE)
"""

import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"default": {"status": 200, "body": "{}", "delay": 0}, "script": [], "count": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length", 0))
        return self.rfile.read(length) if length else b""

    def _answer(self, status, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self):
        body = self._body()
        if self.path == "/__control":
            command = json.loads(body)
            with lock:
                if "default" in command:
                    state["default"] = command["default"]
                if "script" in command:
                    state["script"] = list(command["script"])
            self._answer(200, "{}")
            return
        with lock:
            state["count"] += 1
            n = state["count"]
            response = state["script"].pop(0) if state["script"] else state["default"]
            with open(sys.argv[2], "a", encoding="utf-8") as log:
                log.write(json.dumps({"method": self.command, "path": self.path,
                                      "headers": {k.lower(): v for k, v in self.headers.items()},
                                      "body": body.decode("utf-8", errors="replace")},
                                     ensure_ascii=False) + "\n")
        if response.get("delay", 0):
            time.sleep(response["delay"])
        try:
            self._answer(response.get("status", 200), response.get("body", "").replace("{n}", str(n)))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting

    do_GET = _handle
    do_POST = _handle
    do_PUT = _handle


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    # Renamed into place so the test never reads a half-written port.
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
