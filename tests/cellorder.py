"""Prints, for a SQLite database file, whether the rows of the table
`reports` sit in its leaf pages in key order ("key") or not ("other").

Within a B-tree page SQLite writes each new cell below the one written
before it, so cell offsets that fall as the keys rise mean the rows were
written in key order; reports filed one by one, with random keys, are
not. Reads the file itself, after the WAL has been folded in.
"""
import sqlite3
import struct
import sys

path = sys.argv[1]
con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
root = con.execute("SELECT rootpage FROM sqlite_schema "
                   "WHERE name = 'reports'").fetchone()[0]
psize = con.execute("PRAGMA page_size").fetchone()[0]
con.close()
data = open(path, "rb").read()


def leaves(pgno):
    base = (pgno - 1) * psize
    hdr = base + (100 if pgno == 1 else 0)
    kind = data[hdr]
    ncells = struct.unpack(">H", data[hdr + 3:hdr + 5])[0]
    if kind in (0x0a, 0x0d):
        ptrs = hdr + 8
        yield [struct.unpack(">H", data[ptrs + 2 * i:ptrs + 2 * i + 2])[0]
               for i in range(ncells)]
        return
    ptrs = hdr + 12
    for i in range(ncells):
        off = struct.unpack(">H", data[ptrs + 2 * i:ptrs + 2 * i + 2])[0]
        child = struct.unpack(">I", data[base + off:base + off + 4])[0]
        yield from leaves(child)
    yield from leaves(struct.unpack(">I", data[hdr + 8:hdr + 12])[0])


ordered = all(all(a > b for a, b in zip(offs, offs[1:]))
              for offs in leaves(root))
print("key" if ordered else "other")
