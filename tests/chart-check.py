#!/usr/bin/env python3
"""Check the charts of an HTML export as a browser draws them.

    chart-check.py CHROMIUM PAGE.html [SCREENSHOT.png WIDTH HEIGHT]

Opens a copy of the page in headless Chromium with a script that
measures what was drawn (the export itself forbids scripts: its
Content-Security-Policy is taken out of the copy only) and writes the
measurements into the DOM, which --dump-dom prints. Then checks, for
every chart (an <svg> in a <figure id="chart-...">):

  - every text lies whole inside the chart: no legend, label or number
    is clipped at an edge;
  - no two texts of the legend overlap;
  - the axis reaches every bar and point: its largest tick is at least
    the largest count drawn (data-count); and in the Pareto and harm
    charts, where two or more rows are hidden, at least what the table
    under the chart says they hold together (its total less the counts
    shown);
  - in the Pareto chart, no bar for a category with no report, the
    bars shown largest first, and the hidden ones after them;
  - with CHART_PARTIAL=1 in the environment, the run chart marks a
    month the range has only part of (a hollow point); with 0, none;
and over the page: a hidden count is written one way everywhere (<N
or N+), never as a dash with a star.

Prints a line per problem, then "measured C charts, T texts" as the
last line. With SCREENSHOT, also saves a screenshot of the page at
WIDTH x HEIGHT. Exits 2 if Chromium fails.
"""
import json, os, re, subprocess, sys, tempfile

MEASURE = r"""
<script>
window.addEventListener("load", function () {
  var out = [];
  document.querySelectorAll("figure[id^=chart-] svg").forEach(function (svg) {
    var vb = svg.viewBox.baseVal, box = svg.getBoundingClientRect();
    var k = vb.width / box.width;
    function rect(el) {
      var r = el.getBoundingClientRect();
      return [(r.left - box.left) * k, (r.top - box.top) * k,
              (r.right - box.left) * k, (r.bottom - box.top) * k];
    }
    var c = {id: svg.closest("figure").id, w: vb.width, h: vb.height,
             texts: [], keys: [], ticks: [], marks: []};
    svg.querySelectorAll("text").forEach(function (t) {
      c.texts.push({s: t.textContent, r: rect(t),
                    anchor: t.getAttribute("text-anchor") || "",
                    cls: t.getAttribute("class") || ""});
    });
    svg.querySelectorAll("text.key").forEach(function (t) {
      c.keys.push({s: t.textContent, r: rect(t)});
    });
    svg.querySelectorAll("rect, circle").forEach(function (m) {
      if (m.closest("defs"))
        return;
      c.marks.push({tag: m.tagName, cls: m.getAttribute("class") || "",
                    fill: m.getAttribute("fill") || "",
                    n: m.hasAttribute("data-count") ?
                       Number(m.getAttribute("data-count")) : null,
                    r: rect(m)});
    });
    out.push(c);
  });
  var pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""

def chromium(binary, args, timeout=120):
    base = [binary, "--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--no-first-run",
            "--disable-dev-shm-usage", "--virtual-time-budget=5000",
            "--user-data-dir=" + tempfile.mkdtemp(prefix="aer-chromium.")]
    return subprocess.run(base + args, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, timeout=timeout)

def main():
    binary, page = sys.argv[1], sys.argv[2]
    partial = None
    if os.environ.get("CHART_PARTIAL") in ("0", "1"):
        partial = os.environ["CHART_PARTIAL"] == "1"
    html = open(page, encoding="utf-8").read()
    problems = []
    if re.search(r"\u2013\*|-\*", re.sub(r"<[^>]*>", "", html)):
        problems.append("page: a dash with a star, where a mark was meant")
    copy = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                  html)
    copy = copy.replace("</body>", MEASURE + "</body>")
    tmp = tempfile.NamedTemporaryFile("w", suffix=".html", delete=False,
                                      encoding="utf-8")
    tmp.write(copy)
    tmp.close()
    try:
        run = chromium(binary, ["--dump-dom", "file://" + tmp.name])
        if len(sys.argv) > 5:
            shot = chromium(binary, ["--screenshot=" + sys.argv[3],
                                     "--window-size=%s,%s" %
                                     (sys.argv[4], sys.argv[5]),
                                     "file://" + os.path.abspath(page)])
            if shot.returncode != 0:
                print("chromium made no screenshot")
                sys.exit(2)
    finally:
        os.unlink(tmp.name)
    m = re.search(r'<pre id="measured">(.*?)</pre>',
                  run.stdout.decode("utf-8", "replace"), re.S)
    if run.returncode != 0 or m is None:
        print("chromium measured nothing")
        sys.exit(2)
    raw = m.group(1).replace("&lt;", "<").replace("&gt;", ">") \
                    .replace("&quot;", '"').replace("&amp;", "&")
    charts = json.loads(raw)
    texts = 0
    for c in charts:
        texts += len(c["texts"])
        problems.extend(check_chart(c, html))
    if partial is not None:
        run = [c for c in charts if c["id"] == "chart-monthly-run"]
        hollow = [mk for c in run for mk in c["marks"]
                  if mk["tag"] == "circle" and mk["fill"] == "#ffffff"]
        if partial and not hollow:
            problems.append("chart-monthly-run: the partial month is "
                            "drawn as a whole one")
        if not partial and hollow:
            problems.append("chart-monthly-run: a whole month drawn as "
                            "partial")
    for p in problems:
        print(p)
    print("measured %d charts, %d texts" % (len(charts), texts))

BAR_CHARTS = ("chart-harm", "chart-rca-timeliness", "chart-action-strength")

def ticks_of(c):
    """The axis's numbers: under a bar chart, centred; else right-aligned."""
    want = "middle" if c["id"] in BAR_CHARTS else "end"
    return [float(t["s"]) for t in c["texts"]
            if re.fullmatch(r"\d+", t["s"]) and
            (t["cls"] == "tick" or (t["cls"] == "" and t["anchor"] == want))]

def table_after(html, figure, head):
    """{label: text of the count} of the first table headed head after
    the figure, and the page's total (None if hidden)."""
    i = html.find('id="%s"' % figure)
    j = html.find("<th>%s</th>" % head, i)
    if i < 0 or j < 0:
        return None, None
    body = html[j:html.find("</table>", j)]
    rows = {}
    for label, n in re.findall(r"<tr><td>(.*?)</td><td class=\"n[^\"]*\">"
                               r"(.*?)</td>", body):
        rows[label] = n
    m = re.search(r'<div class="figure"><b>(\d+)</b><span>reports received',
                  html)
    return rows, int(m.group(1)) if m else None

def check_chart(c, html):
    out, name = [], c["id"]
    for t in c["texts"]:
        x0, y0, x1, y1 = t["r"]
        if x1 - x0 <= 0:
            continue
        if x0 < -0.5 or y0 < -0.5 or x1 > c["w"] + 0.5 or \
           y1 > c["h"] + 0.5:
            out.append("%s: text %r clipped: %s in %sx%s" % (
                name, t["s"], [round(v) for v in t["r"]], c["w"], c["h"]))
    keys = c["keys"]
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            a, b = keys[i]["r"], keys[j]["r"]
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and \
               a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                out.append("%s: legend %r overlaps %r" % (
                    name, keys[i]["s"], keys[j]["s"]))
    ticks = ticks_of(c)
    top = max(ticks) if ticks else 0
    counts = [mk["n"] for mk in c["marks"] if mk["n"] is not None]
    if counts and top < max(counts):
        out.append("%s: the axis tops at %g, a count drawn is %g" % (
            name, top, max(counts)))
    # What the table under the chart says the hidden rows hold together.
    head = {"chart-category-pareto": "Category", "chart-harm": "Harm"}
    if name in head:
        rows, total = table_after(html, name, head[name])
        if rows and total is not None:
            shown = [int(v) for v in rows.values() if re.fullmatch(r"\d+", v)]
            hidden = [v for v in rows.values() if not re.fullmatch(r"\d+", v)]
            if len(hidden) > 1 and top < total - sum(shown):
                out.append("%s: the axis tops at %g; the hidden rows hold "
                           "%d together" % (name, top, total - sum(shown)))
    if name == "chart-category-pareto":
        bars = sorted([mk for mk in c["marks"] if mk["tag"] == "rect" and
                       (mk["fill"] == "#1f4e79" or "url(" in mk["fill"]) and
                       mk["r"][2] - mk["r"][0] > 13],
                      key=lambda mk: mk["r"][0])
        seen_hidden, last = False, None
        for mk in bars:
            h = mk["r"][3] - mk["r"][1]
            if "url(" in mk["fill"]:
                seen_hidden = True
                continue
            if h < 0.5:
                out.append("%s: a bar for a category with no report" % name)
            elif seen_hidden:
                out.append("%s: a bar after the hidden ones" % name)
            elif last is not None and h > last + 0.5:
                out.append("%s: bars not largest first" % name)
            last = h
    return out

main()
