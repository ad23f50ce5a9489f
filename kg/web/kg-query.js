/* kg serve's query page: the ready-made questions (kg/queries/*.rq), a field
 * per parameter, results as a sortable table with links to each node's
 * evidence, CSV and JSON downloads; and YASGUI as the SPARQL editor.
 * Everything it asks goes to this server; every value from the graph is
 * written as text (textContent), never as HTML. */
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  // Columns of the ready-made queries that hold a person's or an
  // organization's canonical name: the evidence query takes those names.
  const ENTITY_COLUMNS = new Set([
    "person", "organization", "speaker", "pcc", "force", "subject", "publisher",
    "who", "inspectorate", "name", "first", "second", "entity",
  ]);
  const FACT_PATH = /\/(report|membership|quote|quotation)\//;
  const NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger)$/;
  const PREFIXES = [
    ["https://w3id.org/kg-oversight/id/", "id:"],
    ["https://w3id.org/kg-oversight/ontology#", "kgo:"],
    ["https://schema.org/", "schema:"],
    ["http://www.w3.org/ns/org#", "org:"],
  ];

  let queries = [];
  let current = null; // the chosen query's description
  let table = { vars: [], rows: [] }; // rows: arrays of binding objects (or undefined)
  let sorted = { column: -1, direction: 1 };
  let editor = null;

  function firstSentence(text) {
    const m = /^(.*?[?.])(\s|$)/.exec(text || "");
    return m ? m[1] : text || "";
  }

  function compact(iri) {
    for (const [ns, prefix] of PREFIXES) {
      if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
    }
    return iri;
  }

  function status(text, isError) {
    const el = $("kg-status");
    el.textContent = text;
    el.className = isError ? "kg-error" : "";
  }

  // -- the question and its parameters

  function choose(name, values) {
    current = queries.find((q) => q.name === name) || queries[0];
    $("kg-question").value = current.name;
    $("kg-about").textContent = current.question;
    const box = $("kg-params");
    box.replaceChildren();
    for (const p of current.params) {
      const label = document.createElement("label");
      const title = document.createElement("span");
      title.textContent = p.name + (p.required ? " (required)" : " (optional)") +
        (p.description ? ": " + p.description : "");
      const input = document.createElement("input");
      input.name = p.name;
      input.required = p.required;
      input.value = (values && values[p.name]) || "";
      input.addEventListener("input", links);
      label.append(title, input);
      box.append(label);
    }
    links();
  }

  function params() {
    const out = new URLSearchParams();
    for (const input of $("kg-params").querySelectorAll("input")) {
      if (input.value.trim()) out.set(input.name, input.value.trim());
    }
    return out;
  }

  function url(format) {
    const p = params();
    if (format) p.set("format", format);
    const q = p.toString();
    return "/query/" + encodeURIComponent(current.name) + (q ? "?" + q : "");
  }

  function links() {
    $("kg-csv").href = url("csv");
    $("kg-csv").download = current.name + ".csv";
    $("kg-json").href = url("json");
    $("kg-json").download = current.name + ".json";
  }

  // -- running

  async function run() {
    const missing = current.params.filter((p) => p.required && !params().has(p.name));
    if (missing.length) {
      status("fill in " + missing.map((p) => p.name).join(", "), true);
      return;
    }
    status("running...");
    const started = performance.now();
    try {
      const response = await fetch(url(null), {
        headers: { Accept: "application/sparql-results+json" },
      });
      const text = await response.text();
      if (!response.ok) {
        status(response.status + ": " + text.trim(), true);
        return;
      }
      const data = JSON.parse(text);
      table = {
        vars: data.head.vars || [],
        rows: (data.results ? data.results.bindings : []).map((b) =>
          (data.head.vars || []).map((v) => b[v])),
      };
      sorted = { column: -1, direction: 1 };
      draw();
      const ms = Math.round(performance.now() - started);
      const n = table.rows.length;
      status(n + (n === 1 ? " row" : " rows") + " in " + ms + " ms");
    } catch (e) {
      status("failed: " + e, true);
    }
  }

  function evidence(param, value) {
    choose("evidence", { [param]: value });
    run();
  }

  // -- the table

  function sortKey(cell) {
    if (!cell) return [2, ""];
    if (cell.datatype && NUMERIC.test(cell.datatype)) {
      const n = Number(cell.value);
      if (!Number.isNaN(n)) return [0, n];
    }
    return [1, cell.value];
  }

  function compare(a, b) {
    const ka = sortKey(a), kb = sortKey(b);
    if (ka[0] !== kb[0]) return ka[0] - kb[0];
    if (ka[0] === 0) return ka[1] - kb[1];
    return String(ka[1]).localeCompare(String(kb[1]), undefined, { numeric: true });
  }

  function sortBy(column) {
    sorted = {
      column,
      direction: sorted.column === column ? -sorted.direction : 1,
    };
    table.rows.sort((a, b) => sorted.direction * compare(a[column], b[column]));
    draw();
  }

  function cellContent(td, variable, cell) {
    if (!cell) return;
    if (cell.type === "uri") {
      const span = document.createElement("span");
      span.className = "kg-iri";
      span.title = cell.value;
      span.textContent = compact(cell.value);
      td.append(span);
    } else {
      td.textContent = cell.value;
      if (cell.datatype && NUMERIC.test(cell.datatype)) td.className = "kg-number";
    }
    let param = null, value = null;
    if (cell.type === "uri" && cell.value.startsWith("https://w3id.org/kg-oversight/id/")) {
      param = FACT_PATH.test(cell.value) ? "fact" : "entity";
      value = "<" + cell.value + ">";
    } else if (cell.type === "literal" && ENTITY_COLUMNS.has(variable) && cell.value) {
      param = "entity";
      value = cell.value;
    }
    if (param && !(current.name === "evidence" && variable === "fact")) {
      const a = document.createElement("a");
      a.href = "#";
      a.className = "kg-evidence";
      a.textContent = "evidence";
      a.title = "the sentences behind " + cell.value;
      a.addEventListener("click", (event) => {
        event.preventDefault();
        evidence(param, value);
      });
      td.append(a);
    }
  }

  function draw() {
    const t = $("kg-results");
    t.replaceChildren();
    const head = t.createTHead().insertRow();
    table.vars.forEach((v, i) => {
      const th = document.createElement("th");
      th.scope = "col";
      if (sorted.column === i) {
        th.setAttribute("aria-sort", sorted.direction > 0 ? "ascending" : "descending");
      }
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = v;
      button.addEventListener("click", () => sortBy(i));
      th.append(button);
      head.append(th);
    });
    const body = t.createTBody();
    for (const row of table.rows) {
      const tr = body.insertRow();
      row.forEach((cell, i) => cellContent(tr.insertCell(), table.vars[i], cell));
    }
  }

  // -- the editor (YASGUI), made when its tab is first opened

  function openEditor() {
    if (editor || typeof Yasgui === "undefined") return;
    editor = new Yasgui($("yasgui"), {
      requestConfig: {
        endpoint: new URL("/sparql", window.location.href).href,
        method: "POST",
      },
      copyEndpointOnNewTab: false,
      endpointCatalogueOptions: { getData: () => [] },
      persistenceId: null,
      populateFromUrl: false,
      yasqe: {
        autocompleters: ["prefixes", "variables"],
        value: "PREFIX org: <http://www.w3.org/ns/org#>\n" +
          "PREFIX schema: <https://schema.org/>\n" +
          "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\n" +
          "SELECT ?person ?role ?organization WHERE {\n" +
          "  ?m a org:Membership ; org:member/schema:name ?person ;\n" +
          "     org:role/skos:prefLabel ?role ;\n" +
          "     org:organization/skos:prefLabel ?organization .\n" +
          "}\nLIMIT 50\n",
      },
      yasr: { persistenceId: null },
    });
  }

  function tab(which) {
    const ready = which === "ready";
    $("kg-ready").hidden = !ready;
    $("kg-editor").hidden = ready;
    $("kg-tab-ready").setAttribute("aria-selected", String(ready));
    $("kg-tab-editor").setAttribute("aria-selected", String(!ready));
    if (!ready) openEditor();
  }

  // -- start

  async function start() {
    $("kg-tab-ready").addEventListener("click", () => tab("ready"));
    $("kg-tab-editor").addEventListener("click", () => tab("editor"));
    $("kg-form").addEventListener("submit", (event) => {
      event.preventDefault();
      run();
    });
    $("kg-question").addEventListener("change", () => choose($("kg-question").value));
    try {
      const response = await fetch("/queries", { headers: { Accept: "application/json" } });
      queries = await response.json();
    } catch (e) {
      status("cannot list the questions: " + e, true);
      return;
    }
    for (const q of queries) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.name + ": " + firstSentence(q.question);
      $("kg-question").append(option);
    }
    const wanted = new URLSearchParams(window.location.hash.slice(1));
    const values = Object.fromEntries(wanted.entries());
    choose(wanted.get("q") || "people-roles", values);
    try {
      const about = await (await fetch("/about")).json();
      $("kg-graph-link").hidden = !about.graph_html;
      $("kg-limits").textContent = "Each query may run " + about.timeout + " s and return " +
        about.max_rows.toLocaleString() + " rows at most.";
    } catch (e) {
      // the page works without it
    }
    document.body.dataset.ready = "1";
  }

  start();
})();
