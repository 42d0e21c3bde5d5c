#!/usr/bin/env python3
"""Run a program on a pseudo-terminal of a given size and talk to it.

    term.py [--cols N] [--rows N] [--timeout S] [--script FILE] CMD ARG...

The script, one step per line:
    expect REGEX     wait until what the program wrote so far matches
    send TEXT        type TEXT (\\n, \\t, \\x03 and the like are decoded)
    line TEXT        type TEXT and Enter
    ctrl-c           send an interrupt (the terminal's VINTR)
    eof              send end of file (VEOF)
Without a script, standard input is typed ahead. Everything the program
wrote is printed, carriage returns removed, then "EXIT n" (n is the exit
status, or -SIGNAL). An expect that times out prints "TIMEOUT REGEX" and
ends the run with EXIT 124.
"""
import codecs, fcntl, os, pty, re, select, signal, struct, sys, termios, time

def main():
    cols, rows, timeout, script = 80, 24, 20.0, None
    args = sys.argv[1:]
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--":
            break
        val = args.pop(0)
        if opt == "--cols": cols = int(val)
        elif opt == "--rows": rows = int(val)
        elif opt == "--timeout": timeout = float(val)
        elif opt == "--script": script = val
        else: sys.exit("term.py: unknown option " + opt)
    steps = []
    if script is not None:
        with open(script, encoding="utf-8") as f:
            for raw in f.read().split("\n"):
                if raw == "": continue
                verb, _, rest = raw.partition(" ")
                steps.append((verb, rest))
    else:
        steps.append(("send-raw", sys.stdin.buffer.read()))

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["COLUMNS"] = str(cols)
        os.environ["LINES"] = str(rows)
        os.execvp(args[0], args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    out = bytearray()
    deadline = time.time() + timeout

    def pump(wait):
        r, _, _ = select.select([fd], [], [], wait)
        if not r: return True
        try: chunk = os.read(fd, 65536)
        except OSError: return False
        if not chunk: return False
        out.extend(chunk)
        return True

    alive, code = True, None
    for verb, rest in steps:
        if verb == "expect":
            pat = re.compile(rest.encode())
            while alive and not pat.search(out) and time.time() < deadline:
                alive = pump(0.05)
            if not pat.search(out):
                sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
                print("\nTIMEOUT " + rest)
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                print("EXIT 124")
                return
        elif verb == "send-raw":
            os.write(fd, rest)
        elif verb in ("send", "line"):
            text = codecs.decode(rest, "unicode_escape").encode("latin-1") \
                if "\\" in rest else rest.encode()
            if verb == "line": text += b"\n"
            os.write(fd, text)
        elif verb == "ctrl-c":
            os.write(fd, termios.tcgetattr(fd)[6][termios.VINTR])
        elif verb == "eof":
            os.write(fd, termios.tcgetattr(fd)[6][termios.VEOF])
        else:
            sys.exit("term.py: unknown step " + verb)
    while time.time() < deadline:
        if alive:
            alive = pump(0.1)
        else:
            time.sleep(0.01)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            while alive and select.select([fd], [], [], 0)[0]:
                alive = pump(0)
            code = os.waitstatus_to_exitcode(status)
            break
    if code is None:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
    sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
    print("\nEXIT", code)

main()
