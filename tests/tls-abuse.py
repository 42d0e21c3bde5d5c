# Abusive TLS clients for t-tls-abuse.sh, all at once:
#
#   tls-abuse.py PORT CAFILE SLOW IDLE TRICKLE DEAF RELEASE
#
# SLOW connections trickle their ClientHello a byte every half second
# (slowloris on the handshake); IDLE finish their handshake and send
# nothing; TRICKLE finish it and trickle the headers of a request a byte
# every half second (slowloris after the handshake); DEAF send twenty
# requests each and never read a reply. Says "holding" once all are in
# place, goes on trickling until the file RELEASE exists (60 s at most),
# then says how the slow handshakes ended: "cut N after A-B s" (N of them
# closed by aerd, the first after A seconds and the last after B).
import os
import resource
import selectors
import socket
import ssl
import sys
import time

port, cafile = int(sys.argv[1]), sys.argv[2]
nslow, nidle, ntrickle, ndeaf = (int(a) for a in sys.argv[3:7])
release = sys.argv[7]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
ctx = ssl.create_default_context(cafile=cafile)


def client_hello():
    """The bytes a client opens its handshake with."""
    out = ssl.MemoryBIO()
    tls = ctx.wrap_bio(ssl.MemoryBIO(), out, server_hostname="localhost")
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return out.read()


def handshaken(n, rcvbuf=0):
    """n TLS connections with their handshakes done, 100 at a time, so
    that each finishes well within aerd's handshake deadline even on a
    busy machine."""
    done = []
    while len(done) < n:
        batch = handshaken_batch(min(100, n - len(done)), rcvbuf)
        if not batch:
            break
        done += batch
    return done


def handshaken_batch(n, rcvbuf):
    sel = selectors.DefaultSelector()
    done = []
    for _ in range(n):
        s = socket.socket()
        if rcvbuf:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        s.connect(("127.0.0.1", port))
        s.setblocking(False)
        s = ctx.wrap_socket(s, server_hostname="localhost",
                            do_handshake_on_connect=False)
        sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE)
    deadline = time.time() + 30
    while len(sel.get_map()) and time.time() < deadline:
        for key, _ in sel.select(timeout=0.5):
            try:
                key.fileobj.do_handshake()
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                continue
            except OSError:
                pass
            else:
                done.append(key.fileobj)
            sel.unregister(key.fileobj)
    return done


idle = handshaken(nidle)
trickle = [{"s": s, "at": 0} for s in handshaken(ntrickle)]
deaf = handshaken(ndeaf, rcvbuf=1024)
hello = client_hello()
t0 = time.time()
slow = []
for _ in range(nslow):
    s = socket.create_connection(("127.0.0.1", port))
    s.setblocking(False)
    slow.append({"s": s, "at": 0, "cut": None})
ask = b"GET /v1/taxonomy HTTP/1.1\r\nHost: localhost\r\n\r\n" * 20
for s in deaf:
    try:
        s.send(ask)
    except (ssl.SSLWantWriteError, OSError):
        pass
head = (b"POST /v1/reports HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: application/json\r\nX-Padding: " + b"a" * 4000)
print("holding slow %d idle %d trickle %d deaf %d" % (
    len(slow), len(idle), len(trickle), len(deaf)), flush=True)

deadline = time.time() + 60
while time.time() < deadline and not os.path.exists(release):
    now = time.time() - t0
    for c in slow:
        if c["cut"] is not None:
            continue
        try:
            if c["s"].recv(1, socket.MSG_PEEK) == b"":
                c["cut"] = now
                continue
        except BlockingIOError:
            pass
        except OSError:
            c["cut"] = now
            continue
        if c["at"] < len(hello):
            try:
                c["s"].send(hello[c["at"]:c["at"] + 1])
                c["at"] += 1
            except OSError:
                c["cut"] = now
    for c in trickle:
        try:
            c["s"].send(head[c["at"] % len(head):][:1])
            c["at"] += 1
        except (ssl.SSLWantWriteError, ssl.SSLWantReadError):
            pass
        except OSError:
            pass
    time.sleep(0.5)
cut = [c["cut"] for c in slow if c["cut"] is not None]
if cut:
    print("cut %d after %.0f-%.0f s" % (len(cut), min(cut), max(cut)))
else:
    print("cut 0")
