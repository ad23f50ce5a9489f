/* kg's graph page: draws pyvis's node and edge items with vis-network.
 *
 * #kg-nodes, #kg-edges and #kg-options are what pyvis built (vis-network's
 * items and options); #kg-data is kg's own: legend, details, evidence.
 * Every string in that JSON comes from news articles and is untrusted. It
 * reaches the page only through textContent, input values and vis-network's
 * canvas labels; nothing here parses a string as HTML, and no vis-network
 * "title" (which it would render as HTML) is ever set. Links are built only
 * from checked values (a Wikidata Q-id, an http(s) URL) and open only on click.
 *
 * Canvas units are screen pixels at zoom 1, where labels are D.legible px; the
 * first view is the whole graph if it fits at (nearly) that zoom, else the
 * focus or the most linked node at that zoom.
 */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }
  function json(id) { return JSON.parse($(id).textContent); }
  var D = json("kg-data");
  var nodeItems = json("kg-nodes");
  var edgeItems = json("kg-edges");
  var options = json("kg-options");
  var CLS = D.classes; // [key, label, colour, shape, symbol]
  var REL = {}; // key -> [label, colour]
  D.relations.forEach(function (r) { REL[r[0]] = [r[1], r[2]]; });
  // D.nodes[i]: [label, class index, iri, aliases, facts, wikidata, article indices, fix]
  // D.edges[i]: [from, to, relation, label, evidence indices, article indices, fix]
  // fix: the corrections.yaml entry a user can copy to correct it ("" where none applies)

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }
  function norm(s) { return String(s).replace(/\s+/g, " ").trim().toLowerCase(); }
  function shorten(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
  function safeLink(href, text) {
    var a = el("a", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer external";
    return a;
  }

  // --- data ------------------------------------------------------------------
  var iriToNode = {};
  var groupOf = [];
  var classCount = CLS.map(function () { return 0; });
  D.nodes.forEach(function (n, i) {
    iriToNode[n[2]] = i;
    groupOf.push(CLS[n[1]][0]);
    classCount[n[1]] += 1;
  });
  var relCount = {};
  D.edges.forEach(function (e) { relCount[e[2]] = (relCount[e[2]] || 0) + 1; });

  var hidden = {};
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hidden[n.group]; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !hidden[groupOf[e.from]] && !hidden[groupOf[e.to]]; },
  });

  var container = $("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  // --- the first view ----------------------------------------------------------
  var view = $("kg-view");
  var LEGIBLE_SCALE = 1; // labels are D.legible px at zoom 1
  var FIT_ENOUGH = (D.legible - 1) / D.legible; // the whole graph, if its labels stay >= 11 px
  function fitAll() {
    network.fit({ animation: false, maxZoomLevel: 1.25 });
    view.textContent = "";
  }
  function home() {
    fitAll();
    if (network.getScale() >= FIT_ENOUGH * LEGIBLE_SCALE || D.home === null) return "all";
    var target = D.focus !== null ? D.focus : D.home;
    var at = network.getPositions([target])[target];
    network.moveTo({ position: at, scale: LEGIBLE_SCALE, animation: false });
    view.textContent = "Showing the part around " + D.nodes[target][0] +
      "; Fit shows all " + D.nodes.length + " nodes.";
    return "part";
  }

  // --- details -------------------------------------------------------------
  var details = $("kg-details");

  function addFact(dl, key, value) {
    dl.appendChild(el("dt", key));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function typeChip(c) {
    var s = el("span", c[1], "kg-type");
    s.style.background = c[2];
    return s;
  }
  function nodeButton(id) {
    var b = el("button", D.nodes[id][0], "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }
  function articleItem(a) {
    var art = D.articles[a]; // [title, date, file, url, iri]
    var li = el("li");
    var id = iriToNode[art[4]];
    var name = art[0] || art[2] || art[4];
    if (id !== undefined) {
      var b = nodeButton(id);
      b.textContent = name;
      li.appendChild(b);
    } else {
      li.appendChild(el("span", name));
    }
    li.appendChild(el("div", [art[1], art[2]].filter(Boolean).join(" \u00b7 "), "kg-cite"));
    return li;
  }
  function linksOf(id) {
    var out = [];
    D.edges.forEach(function (e, i) { if (e[0] === id || e[1] === id) out.push(i); });
    return out;
  }

  function showNode(id) {
    var n = D.nodes[id];
    var c = CLS[n[1]];
    details.replaceChildren();
    details.appendChild(el("h3", n[0]));
    details.appendChild(typeChip(c));
    var dl = el("dl");
    dl.id = "kg-node-facts";
    if (n[3].length) addFact(dl, "Also known as", n[3].join("; "));
    n[4].forEach(function (f) {
      if (f[0] === "URL" && /^https?:\/\//i.test(f[1])) addFact(dl, f[0], safeLink(f[1], f[1]));
      else addFact(dl, f[0], f[1]);
    });
    if (n[5] && /^Q[0-9]+$/.test(n[5])) {
      addFact(dl, "Wikidata", safeLink("https://www.wikidata.org/wiki/" + n[5], n[5]));
    }
    addFact(dl, "IRI", n[2]);
    details.appendChild(dl);

    var links = linksOf(id).filter(function (i) { return D.edges[i][2] !== "mentions"; });
    if (links.length) {
      details.appendChild(el("h2", "Links (" + links.length + ")"));
      var ul = el("ul");
      links.slice(0, 100).forEach(function (i) {
        var e = D.edges[i];
        var li = el("li");
        var b = el("button", edgeText(e), "kg-link");
        b.type = "button";
        b.addEventListener("click", function () { selectEdge(i); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    var arts = n[6];
    details.appendChild(el("h2", "Mentioned in " + arts.length + (arts.length === 1 ? " article" : " articles")));
    var al = el("ul");
    al.id = "kg-node-articles";
    arts.slice(0, 200).forEach(function (a) { al.appendChild(articleItem(a)); });
    if (arts.length > 200) al.appendChild(el("li", "\u2026 and " + (arts.length - 200) + " more"));
    details.appendChild(al);
    showFix(n[7]);
  }

  // A ready-made correction entry: the page is read-only; the user copies the text
  // into CORPUS/corrections.yaml, fills in "why" and rebuilds.
  function showFix(text) {
    if (!text) return;
    details.appendChild(el("h2", "Correct this"));
    var pre = el("pre", text, "kg-fix");
    pre.id = "kg-fix";
    details.appendChild(pre);
    var b = el("button", "Copy the entry for corrections.yaml", "kg-link");
    b.type = "button";
    b.addEventListener("click", function () {
      if (navigator.clipboard) navigator.clipboard.writeText(text);
      var range = document.createRange();
      range.selectNodeContents(pre);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
    details.appendChild(b);
  }

  function relLabel(e) {
    var rel = REL[e[2]] || REL.other;
    return e[3] === rel[0] ? rel[0] : rel[0] + " (" + e[3] + ")";
  }
  function edgeText(e) {
    return D.nodes[e[0]][0] + " \u2192 " + relLabel(e) + " \u2192 " + D.nodes[e[1]][0];
  }

  function showEdge(id) {
    var e = D.edges[id];
    var rel = REL[e[2]] || REL.other;
    details.replaceChildren();
    details.appendChild(el("h3", relLabel(e)));
    var dl = el("dl");
    addFact(dl, "From", nodeButton(e[0]));
    addFact(dl, "Relation", rel[0]);
    if (e[3] !== rel[0]) addFact(dl, e[2] === "role" ? "Role" : "Property", e[3]);
    addFact(dl, "To", nodeButton(e[1]));
    details.appendChild(dl);
    var evs = e[4];
    details.appendChild(el("h2", "Evidence (" + evs.length + ")"));
    var ul = el("ul");
    ul.id = "kg-edge-evidence";
    evs.forEach(function (v) {
      var ev = D.evidence[v]; // [sentence, article index or null]
      var li = el("li");
      li.appendChild(el("blockquote", ev[0]));
      if (ev[1] !== null) {
        var art = D.articles[ev[1]];
        var cite = [art[0] ? "\u201c" + art[0] + "\u201d" : "", art[1], art[2]].filter(Boolean).join(" \u00b7 ");
        li.appendChild(el("div", cite, "kg-cite"));
      }
      ul.appendChild(li);
    });
    details.appendChild(ul);
    if (!evs.length && e[5].length) {
      details.appendChild(el("h2", "From " + (e[5].length === 1 ? "article" : e[5].length + " articles")));
      var al = el("ul");
      e[5].forEach(function (a) { al.appendChild(articleItem(a)); });
      details.appendChild(al);
    }
    showFix(e[6]);
  }

  // --- tooltips (our own, plain text) --------------------------------------
  var tip = $("kg-tip");
  function showTip(text, pointer) {
    var r = container.getBoundingClientRect();
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = Math.min(r.left + pointer.DOM.x + 14, window.innerWidth - 370) + "px";
    tip.style.top = r.top + pointer.DOM.y + 14 + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (p) {
    var n = D.nodes[p.node];
    var k = n[6].length;
    showTip(n[0] + "\n" + CLS[n[1]][1] + (k ? " \u00b7 mentioned in " + k + (k === 1 ? " article" : " articles") : ""), p.pointer);
  });
  network.on("hoverEdge", function (p) {
    var e = D.edges[p.edge];
    var text = edgeText(e);
    if (e[4].length) text += "\n\u201c" + shorten(D.evidence[e[4][0]][0], 220) + "\u201d";
    showTip(text, p.pointer);
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // --- selection and search --------------------------------------------------
  function reveal(group) {
    if (hidden[group]) {
      hidden[group] = false;
      var box = $("kg-show-" + group);
      if (box) box.checked = true;
      refresh();
    }
  }
  function select(id) {
    reveal(groupOf[id]);
    network.selectNodes([id]);
    // at least the legible zoom, where no two labels overlap (nor at any other)
    network.focus(id, { scale: Math.max(network.getScale(), LEGIBLE_SCALE), animation: false });
    view.textContent = "";
    showNode(id);
  }
  function selectEdge(id) {
    var e = D.edges[id];
    reveal(groupOf[e[0]]);
    reveal(groupOf[e[1]]);
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    showEdge(id);
  }

  function search(query) {
    var q = norm(query);
    if (!q) return [];
    var exact = [], prefix = [], part = [];
    D.nodes.forEach(function (n, i) {
      var names = [n[0]].concat(n[3]).map(norm);
      if (names.indexOf(q) >= 0) exact.push(i);
      else if (names.some(function (s) { return s.indexOf(q) === 0; })) prefix.push(i);
      else if (names.some(function (s) { return s.indexOf(q) >= 0; }) || norm(n[2]) === q) part.push(i);
    });
    return exact.concat(prefix, part);
  }

  var lastQuery = null, lastHits = [], hitIndex = 0;
  var status = $("kg-search-status");
  $("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = $("kg-search").value;
    if (q !== lastQuery) { lastQuery = q; lastHits = search(q); hitIndex = 0; }
    else hitIndex = lastHits.length ? (hitIndex + 1) % lastHits.length : 0;
    if (!lastHits.length) { status.textContent = "no match"; return; }
    status.textContent = (hitIndex + 1) + " of " + lastHits.length;
    select(lastHits[hitIndex]);
  });
  var listed = false;
  $("kg-search").addEventListener("focus", function () {
    if (listed) return;
    listed = true;
    var seen = {};
    var list = $("kg-labels");
    D.nodes.map(function (n) { return n[0]; }).sort().forEach(function (label) {
      if (seen[label]) return;
      seen[label] = true;
      var o = document.createElement("option");
      o.value = label;
      list.appendChild(o);
    });
  });

  // --- filters, legend, physics ------------------------------------------------
  var counts = $("kg-counts");
  function showCounts() {
    counts.textContent = nodeView.length + " nodes \u00b7 " + edgeView.length + " edges";
  }
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
  }
  var classList = $("kg-classes");
  CLS.forEach(function (c, i) {
    if (!classCount[i]) return;
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.id = "kg-show-" + c[0];
    box.addEventListener("change", function () { hidden[c[0]] = !box.checked; refresh(); });
    var sw = el("span", c[4], "kg-swatch");
    sw.style.color = c[2];
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(document.createTextNode(c[1] + " "));
    label.appendChild(el("span", "(" + classCount[i] + ")", "kg-count"));
    li.appendChild(label);
    classList.appendChild(li);
  });
  var relList = $("kg-relations");
  D.relations.map(function (r) { return r[0]; }).forEach(function (k) {
    if (!relCount[k]) return;
    var li = el("li");
    var line = el("span", null, "kg-line");
    line.style.borderColor = REL[k][1];
    li.appendChild(line);
    li.appendChild(document.createTextNode(REL[k][0] + " "));
    li.appendChild(el("span", "(" + relCount[k] + ")", "kg-count"));
    relList.appendChild(li);
  });
  $("kg-physics").addEventListener("change", function (ev) {
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });
  $("kg-fit").addEventListener("click", fitAll);
  $("kg-home").addEventListener("click", home);
  showCounts();

  var firstView = home();
  network.once("afterDrawing", function () {
    if (D.focus !== null) {
      network.selectNodes([D.focus]);
      showNode(D.focus);
    }
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  });

  window.kgViz = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    data: D, firstView: firstView, home: home, fitAll: fitAll,
    select: select, selectEdge: selectEdge, showNode: showNode, showEdge: showEdge, search: search,
  };
})();
