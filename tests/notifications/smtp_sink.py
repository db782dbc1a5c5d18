"""A small SMTP server on loopback that keeps what it receives: the mail server of the delivery tests.

It answers the commands Django's SMTP backend sends (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
After the end of a message's data it keeps the message, then waits `answer_delay` seconds
before answering 250, like a server that writes the message to disk and is slow to say so:
a client that dies in that wait has delivered a message it never heard accepted.
"""

import email
import socketserver
import threading
import time


class SmtpSink:
    def __init__(self, answer_delay: float = 0.0):
        self.answer_delay = answer_delay
        self.messages: list[email.message.Message] = []
        # Set when a message is kept and the answer is being delayed.
        self.waiting = threading.Event()
        self._lock = threading.Lock()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 30

            def handle(self):
                sink._converse(self.rfile, self.wfile)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

            def handle_error(self, request, client_address):
                # A client killed mid-conversation resets its connection: expected here, not news.
                pass

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "SmtpSink":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def message_ids(self) -> list[str]:
        with self._lock:
            return [message["Message-ID"] for message in self.messages]

    def _converse(self, rfile, wfile) -> None:
        def reply(line: str) -> None:
            wfile.write(line.encode("ascii") + b"\r\n")
            wfile.flush()

        reply("220 sink.localhost ESMTP")
        while line := rfile.readline():
            verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                reply("250-sink.localhost")
                reply("250 8BITMIME")
            elif verb in {"HELO", "MAIL", "RCPT", "RSET", "NOOP"}:
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                self._receive(rfile)
                if self.answer_delay:
                    self.waiting.set()
                    time.sleep(self.answer_delay)
                reply("250 OK: queued")
            elif verb == "QUIT":
                reply("221 Bye")
                return
            else:
                reply("502 Command not implemented")

    def _receive(self, rfile) -> None:
        lines = []
        while (line := rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        message = email.message_from_bytes(b"".join(lines))
        with self._lock:
            self.messages.append(message)
