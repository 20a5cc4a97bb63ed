"""A minimal SMTP server that accepts every message: Odoo's mail queue sends to it.

Enough of RFC 5321 for Odoo's ``smtplib`` client (EHLO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT), counting the messages it received, so that a load run can tell that the mail queue
kept sending after a fault (the queue is a cron; no real mail leaves the machine).
"""

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write(f"{text}\r\n".encode())

    def handle(self):
        try:
            self.converse()
        except ConnectionError:
            return  # the client went away (a worker killed, a server stopped)

    def converse(self):
        self.reply("220 load sink")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 load sink")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                with self.server.lock:
                    self.server.received += 1
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.received = 0
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self):
        self.shutdown()
        self.server_close()
