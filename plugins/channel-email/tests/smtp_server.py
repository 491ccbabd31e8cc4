#!/usr/bin/python3
"""A real SMTP server for channel-email's tests (aiosmtpd), on 127.0.0.1.

Each accepted message is written, byte for byte as received, to MAILDIR/new/; every connection and
message is logged as one JSON line to MAILDIR/log.jsonl. Recipients starting with "reject" get a
550 reply, "busy" a 451. With --crash-after N the process dies abruptly (no reply, no cleanup) while
receiving message N+1, as a server that is killed mid-batch; with --crash-after-storing N it dies
after storing message N but before answering it, the one case where the client must send a message
again that did arrive. Runs until killed.
"""

import argparse
import json
import os
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult


class Recorder:
    def __init__(self, maildir, crash_after, crash_after_storing):
        self.maildir = maildir
        self.crash_after_storing = crash_after_storing
        self.started = False  # the controller's own readiness probe is not a client
        self.crash_after = crash_after
        self.accepted = 0
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    def log(self, record):
        with open(os.path.join(self.maildir, "log.jsonl"), "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        if address.startswith("busy"):
            return "451 4.2.1 <%s>: Mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.crash_after is not None and self.accepted >= self.crash_after:
            os._exit(3)
        self.accepted += 1
        name = "%d.%d.%d.eml" % (time.time_ns(), os.getpid(), self.accepted)
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as out:
            out.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        self.log({"event": "message", "file": name, "mail_from": envelope.mail_from,
                  "rcpt_tos": envelope.rcpt_tos,
                  "login": session.auth_data.login.decode() if session.auth_data else None,
                  "tls": server.transport.get_extra_info("ssl_object") is not None})
        if self.accepted == self.crash_after_storing:
            os._exit(3)
        return "250 2.0.0 OK: queued as %s" % name


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        # The TLS upgrade of STARTTLS calls this again on the same connection.
        if self.event_handler.started and not getattr(self, "_counted", False):
            self._counted = True
            self.event_handler.log({"event": "connection"})
        super().connection_made(transport)


class RecordingController(Controller):
    def factory(self):
        return CountingSMTP(self.handler, **self.SMTP_kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--ready-file", required=True)
    parser.add_argument("--mode", choices=["plain", "starttls", "tls"], default="plain")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--crash-after", type=int)
    parser.add_argument("--crash-after-storing", type=int)
    args = parser.parse_args()

    context = None
    if args.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login.decode() == args.user and
              auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    smtp_options = {}
    if args.user:
        smtp_options.update(authenticator=authenticate, auth_required=True,
                            auth_require_tls=args.mode == "starttls")
    if args.mode == "starttls":
        smtp_options.update(tls_context=context, require_starttls=True)
    recorder = Recorder(args.maildir, args.crash_after, args.crash_after_storing)
    controller = RecordingController(
        recorder, hostname="127.0.0.1", port=args.port,
        ssl_context=context if args.mode == "tls" else None, server_hostname="localhost",
        **smtp_options)
    controller.start()
    recorder.started = True
    with open(args.ready_file + ".tmp", "w") as ready:
        ready.write(str(os.getpid()))
    os.rename(args.ready_file + ".tmp", args.ready_file)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
