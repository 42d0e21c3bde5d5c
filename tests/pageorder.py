"""Reads a SQLite database file's pages as someone holding the file
would, and says for every b-tree (table or index) how closely the
physical order of the cells of each report follows the order in which
the reports were filed.

    pageorder.py DB ORDER [MIN]

ORDER is a file of report ids, one a line, in filing order. A cell
belongs to a report when one of the values in its record is that
report's id (every index of a WITHOUT ROWID table carries the key, and
every table about a report carries report_id). A cell's physical place
is its page number, then, within the page, its offset read downwards:
SQLite writes each new cell below the one written before it, and
appends pages as a b-tree grows.

For each b-tree holding cells of at least MIN reports (default 20),
prints "NAME N TAU_PLACE TAU_PAGE": Kendall's tau between filing order
and physical place over all of them, and the same over the pairs that
share a page only (the cell offsets alone). Each is near 0 when the
file keeps no filing order, near 1 when it keeps all of it. Reads the
file itself: fold the WAL in first (a backup, or a checkpoint).
"""
import sqlite3
import struct
import sys


def varint(b, i):
    v = 0
    for k in range(9):
        c = b[i + k]
        if k == 8:
            return (v << 8) | c, i + 9
        v = (v << 7) | (c & 0x7f)
        if c < 0x80:
            return v, i + k + 1
    raise ValueError


def record_values(payload):
    """The values of a record that lie in its local payload."""
    hsize, i = varint(payload, 0)
    types = []
    while i < hsize:
        t, i = varint(payload, i)
        types.append(t)
    pos = hsize
    out = []
    for t in types:
        if t >= 12:
            n = (t - 12) // 2
            if pos + n > len(payload):
                break
            out.append(payload[pos:pos + n])
            pos += n
        else:
            pos += (0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0)[t]
    return out


class File:
    def __init__(self, path):
        con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        self.psize = con.execute("PRAGMA page_size").fetchone()[0]
        self.trees = con.execute(
            "SELECT name, rootpage FROM sqlite_schema "
            "WHERE rootpage > 0 ORDER BY name").fetchall()
        con.close()
        with open(path, "rb") as f:
            self.data = f.read()
        usable = self.psize
        self.max_local = (usable - 12) * 64 // 255 - 23
        self.max_leaf_table = usable - 35
        self.min_local = (usable - 12) * 32 // 255 - 23
        self.usable = usable

    def local(self, size, table):
        mx = self.max_leaf_table if table else self.max_local
        if size <= mx:
            return size
        k = self.min_local + (size - self.min_local) % (self.usable - 4)
        return k if k <= mx else self.min_local

    def cells(self, pgno, seen=None):
        """(pgno, offset, values) of every cell holding a record."""
        seen = set() if seen is None else seen
        if pgno in seen or pgno < 1:
            return
        seen.add(pgno)
        d, base = self.data, (pgno - 1) * self.psize
        hdr = base + (100 if pgno == 1 else 0)
        kind = d[hdr]
        n = struct.unpack(">H", d[hdr + 3:hdr + 5])[0]
        leaf = kind in (0x0a, 0x0d)
        ptrs = hdr + (8 if leaf else 12)
        for k in range(n):
            off = struct.unpack(">H", d[ptrs + 2 * k:ptrs + 2 * k + 2])[0]
            p = base + off
            if not leaf:
                child = struct.unpack(">I", d[p:p + 4])[0]
                yield from self.cells(child, seen)
                p += 4
                if kind == 0x05:
                    continue    # interior table cell: a rowid only
            size, p = varint(d, p)
            if kind == 0x0d:
                _, p = varint(d, p)     # rowid
            loc = self.local(size, kind == 0x0d)
            try:
                vals = record_values(d[p:p + loc])
            except (ValueError, IndexError):
                vals = []
            yield pgno, off, vals
        if not leaf:
            right = struct.unpack(">I", d[hdr + 8:hdr + 12])[0]
            yield from self.cells(right, seen)


def tau(pairs):
    """Kendall's tau-a of (x, y) pairs; None with fewer than 2."""
    n = len(pairs)
    if n < 2:
        return None
    s = 0
    for i in range(n):
        xi, yi = pairs[i]
        for j in range(i + 1, n):
            xj, yj = pairs[j]
            a = (xi > xj) - (xi < xj)
            b = (yi > yj) - (yi < yj)
            s += a * b
    return s / (n * (n - 1) / 2)


def page_tau(points):
    """Tau over the pairs of cells that share a page only."""
    by_page = {}
    for filed, (pgno, down) in points:
        by_page.setdefault(pgno, []).append((filed, down))
    s = m = 0
    for cells in by_page.values():
        for i in range(len(cells)):
            for j in range(i + 1, len(cells)):
                a = cells[i][0] - cells[j][0]
                b = cells[i][1] - cells[j][1]
                s += ((a > 0) - (a < 0)) * ((b > 0) - (b < 0))
                m += 1
    return s / m if m else None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    f = File(sys.argv[1])
    order = [l.strip() for l in open(sys.argv[2]) if l.strip()]
    filed = {rid.encode(): k for k, rid in enumerate(order)}
    least = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    for name, root in f.trees:
        first = {}
        for pgno, off, vals in f.cells(root):
            for v in vals:
                k = filed.get(v)
                if k is not None:
                    # a report's first cell in this b-tree
                    place = (pgno, -off)
                    if k not in first or place < first[k]:
                        first[k] = place
                    break
        if len(first) < least:
            continue
        points = sorted(first.items())
        t1 = tau([(k, place) for k, place in points])
        t2 = page_tau(points)
        print("%s %d %.3f %s" % (name, len(points), t1,
                                 "-" if t2 is None else "%.3f" % t2))


main()
