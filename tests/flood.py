# Many connections that each begin a request and stall, for the memory
# and TLS tests (t-memory.sh, t-tls-abuse.sh):
#
#   flood.py unix PATH N SEND LENGTH RELEASE
#   flood.py tls PORT:CAFILE N SEND LENGTH RELEASE
#
# opens N connections (over TLS: with their handshakes done), sends on
# each the headers of a POST with Content-Length LENGTH and then SEND
# bytes of its body (or, with SEND -1, nothing at all after the
# handshake), says "holding N" on stdout once everything is sent or
# refused, and holds the connections until the file RELEASE exists
# (60 s at most). All of it without blocking, so one connection that
# aerd stops reading holds up none of the others.
import errno
import os
import resource
import selectors
import socket
import ssl
import sys
import time

kind, where, n, send, length, release = sys.argv[1:7]
n, send, length = int(n), int(send), int(length)
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if hard != resource.RLIM_INFINITY and hard < n + 64:
    print("needs %d open files; the hard limit is %d" % (n + 64, hard))
    sys.exit(77)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

head = (b"POST /v1/reports HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % length)
data = b"" if send < 0 else head + b"x" * send
ctx = None
if kind == "tls":
    port, cafile = where.split(":", 1)
    ctx = ssl.create_default_context(cafile=cafile)

sel = selectors.DefaultSelector()
conns = []
for i in range(n):
    if kind == "unix":
        s = socket.socket(socket.AF_UNIX)
        s.connect(where)
    else:
        s = socket.create_connection(("127.0.0.1", int(port)))
    s.setblocking(False)
    if ctx is not None:
        s = ctx.wrap_socket(s, server_hostname="localhost",
                            do_handshake_on_connect=False)
    c = {"s": s, "shaken": ctx is None, "off": 0, "done": False}
    conns.append(c)
    sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE, c)


def step(c):
    """Moves c on; returns True once it has nothing more to do."""
    s = c["s"]
    try:
        if not c["shaken"]:
            s.do_handshake()
            c["shaken"] = True
        while c["off"] < len(data):
            c["off"] += s.send(data[c["off"]:c["off"] + 16384])
        return True
    except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError):
        return False
    except OSError:
        return True     # refused or closed: nothing more to send


deadline = time.time() + 60
pending = len(conns)
idle = 0
while pending and time.time() < deadline:
    events = sel.select(timeout=0.2)
    if not events:
        # Blocked on every side: aerd has stopped reading them.
        idle += 1
        if idle >= 5:
            break
        continue
    idle = 0
    for key, _ in events:
        c = key.data
        if not c["done"] and step(c):
            c["done"] = True
            pending -= 1
            sel.unregister(c["s"])
shaken = sum(1 for c in conns if c["shaken"])
print("holding %d" % n, "shaken %d" % shaken, "sent %d" %
      sum(c["off"] for c in conns), flush=True)
while time.time() < deadline and not os.path.exists(release):
    time.sleep(0.05)
