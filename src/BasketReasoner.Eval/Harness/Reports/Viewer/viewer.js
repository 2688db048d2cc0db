// The case viewer of report.html and of the compare page: reads the JSON block #case-data, renders filters and an
// expandable case table into #case-view. Everything from the data is set as text (never parsed as HTML).
(function () {
  'use strict';
  var block = document.getElementById('case-data');
  var view = document.getElementById('case-view');
  if (!block || !view) { return; }
  var data = JSON.parse(block.textContent);
  var compare = data.mode === 'compare';
  var items = compare ? data.flips : data.cases;
  var PAGE = 200;
  var shown = PAGE;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); } }); }
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }
  function distinct(f) {
    var seen = {}; var out = [];
    items.forEach(function (it) { [].concat(f(it)).forEach(function (v) { if (v !== undefined && v !== null && v !== '' && !seen[v]) { seen[v] = 1; out.push(v); } }); });
    return out.sort();
  }
  var NAMES = { pass_to_fail: 'pass → fail', fail_to_pass: 'fail → pass' };
  function select(id, label, values, first) {
    var s = el('select', { id: id });
    s.appendChild(el('option', { value: '', text: first }));
    values.forEach(function (v) { s.appendChild(el('option', { value: v, text: NAMES[v] || v })); });
    s.addEventListener('change', function () { shown = PAGE; render(); });
    return el('label', null, [label, s]);
  }
  function records(it) { return compare ? it.base.concat(it.new) : [it]; }
  function graders(it) { var g = []; records(it).forEach(function (r) { r.grades.forEach(function (x) { g.push(x.grader); }); }); return g; }
  function pretty(text) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
  }
  function fmt(v, digits) { return v === undefined || v === null ? '–' : Number(v).toFixed(digits); }

  // Filters.
  var filters = el('div', { class: 'filters' });
  filters.appendChild(select('f-system', 'system', distinct(function (it) { return it.system; }), 'all'));
  filters.appendChild(select('f-dataset', 'dataset', distinct(function (it) { return it.dataset; }), 'all'));
  filters.appendChild(select('f-category', 'category', distinct(function (it) { return it.category; }), 'all'));
  if (compare) {
    filters.appendChild(select('f-direction', 'flipped', ['pass_to_fail', 'fail_to_pass'], 'both ways'));
  } else {
    filters.appendChild(select('f-status', 'result', ['fail', 'pass', 'error', 'ungraded'], 'all'));
  }
  filters.appendChild(select('f-grader', 'grader', distinct(graders), 'any'));
  var search = el('input', { id: 'f-search', type: 'search', placeholder: 'id, input, output, reason…' });
  search.addEventListener('input', function () { shown = PAGE; render(); });
  filters.appendChild(el('label', null, ['search', search]));
  view.appendChild(filters);
  var count = el('div', { id: 'case-count' });
  view.appendChild(count);

  var head = compare
    ? ['flipped', 'system', 'dataset', 'case', 'category', data.base_label + ' grades', data.new_label + ' grades']
    : ['result', 'system', 'dataset', 'case', 'category', 'grades', 'latency ms', 'tokens in/out'];
  var widths = compare ? ['9%', '14%', '12%', '13%', '10%', '21%', '21%'] : ['7%', '15%', '12%', '14%', '10%', '26%', '7%', '9%'];
  var table = el('table', { class: 'cases', id: 'case-table' });
  var colgroup = el('colgroup');
  widths.forEach(function (w) { colgroup.appendChild(el('col', { style: 'width:' + w })); });
  table.appendChild(colgroup);
  table.appendChild(el('thead', null, [el('tr', null, head.map(function (h) { return el('th', { text: h }); }))]));
  var body = el('tbody');
  table.appendChild(body);
  view.appendChild(el('div', { class: 'scroll' }, [table]));
  var more = el('button', { class: 'more', type: 'button' });
  more.addEventListener('click', function () { shown += PAGE; render(); });
  view.appendChild(more);

  function value(id) { var e = document.getElementById(id); return e ? e.value : ''; }
  function recordStatus(r) { return r.error ? 'error' : r.status; }
  function matches(it) {
    var sys = value('f-system'), ds = value('f-dataset'), cat = value('f-category'), gr = value('f-grader');
    if (sys && it.system !== sys) { return false; }
    if (ds && it.dataset !== ds) { return false; }
    if (cat && it.category !== cat) { return false; }
    if (compare) {
      var dir = value('f-direction');
      if (dir && it.direction !== dir) { return false; }
      if (gr && graders(it).indexOf(gr) < 0) { return false; }
    } else {
      var st = value('f-status');
      if (gr) {
        // With a grader chosen, pass/fail means that grader's verdict.
        var g = it.grades.filter(function (x) { return x.grader === gr; });
        if (g.length === 0) { return false; }
        if (st === 'pass' && !g.every(function (x) { return x.passed; })) { return false; }
        if (st === 'fail' && g.every(function (x) { return x.passed; })) { return false; }
        if ((st === 'error' && !it.error) || st === 'ungraded') { return false; }
      } else if (st === 'error') {
        if (!it.error) { return false; }
      } else if (st && it.status !== st) { return false; }
    }
    var q = search.value.trim().toLowerCase();
    if (q) {
      var hay = [it.case_id, it.category];
      records(it).forEach(function (r) {
        hay.push(r.input, r.error || '', r.output ? r.output.text : '', r.output && r.output.chosen_product_id || '');
        r.grades.forEach(function (g) { hay.push(g.grader, g.reason || ''); });
      });
      if (hay.join('\n').toLowerCase().indexOf(q) < 0) { return false; }
    }
    return true;
  }
  function chips(rs) {
    var td = el('td');
    rs.forEach(function (r) {
      r.grades.forEach(function (g) { td.appendChild(el('span', { class: 'chip' + (g.passed ? '' : ' no'), title: g.reason || '', text: g.grader + ' ' + fmt(g.score, 2) })); });
      if (r.error) { td.appendChild(el('span', { class: 'chip no', text: 'error' })); }
    });
    if (!td.firstChild) { td.appendChild(el('span', { class: 'muted', text: 'no grades' })); }
    return td;
  }

  function recordDetail(r) {
    var box = el('div', { class: 'record' });
    if (r.frame && data.frames[r.frame]) {
      box.appendChild(el('img', { class: 'frame', src: data.frames[r.frame], alt: r.frame, title: r.frame }));
    }
    var tokens = r.output ? (r.output.input_tokens || 0) + ' in / ' + (r.output.output_tokens || 0) + ' out' : '–';
    box.appendChild(el('div', { class: 'meta' }, [
      el('b', { text: r.system }), ' · ' + r.dataset + ' · ' + r.case_id + ' · repeat ' + r.repeat + ' (seed ' + r.seed + ') · ',
      el('span', { class: 'st ' + r.status, text: r.status }),
      ' · latency ' + (r.cached ? 'cached' : fmt(r.latency_ms, 2) + ' ms') + ' · tokens ' + tokens +
        (r.parameters ? ' · parameters ' + r.parameters : '')]));
    if (r.error) { box.appendChild(el('div', { class: 'error', text: 'error: ' + r.error })); }
    var grades = el('table', { class: 'grades' }, [el('tr', null, ['grader', 'score', 'passed', 'reason'].map(function (h) { return el('th', { text: h }); }))]);
    r.grades.forEach(function (g) {
      grades.appendChild(el('tr', { class: g.passed ? 'grade-pass' : 'grade-fail' }, [
        el('td', { text: g.grader }), el('td', { text: fmt(g.score, 3) }),
        el('td', null, [el('span', { class: 'st ' + (g.passed ? 'pass' : 'fail'), text: g.passed ? 'pass' : 'fail' })]),
        el('td', { class: 'grade-reason', text: g.reason || '' })]));
    });
    box.appendChild(el('h4', { text: 'Grades' }));
    box.appendChild(r.grades.length ? grades : el('p', { class: 'muted', text: 'No grader applied to this case.' }));
    box.appendChild(el('h4', { text: 'Output' }));
    var out = r.output || {};
    box.appendChild(el('pre', { class: 'output', text: out.text || '(empty)' }));
    var rest = {};
    Object.keys(out).forEach(function (k) { if (k !== 'text') { rest[k] = out[k]; } });
    if (Object.keys(rest).length) {
      box.appendChild(el('details', null, [el('summary', { text: 'all output fields' }), el('pre', { class: 'output-fields', text: JSON.stringify(rest, null, 2) })]));
    }
    box.appendChild(el('h4', { text: 'Input' }));
    box.appendChild(el('pre', { class: 'input', text: pretty(r.input) }));
    box.appendChild(el('h4', { text: 'Prompts' }));
    if (!r.prompts.length) { box.appendChild(el('p', { class: 'muted', text: 'This system renders no prompt file.' })); }
    r.prompts.forEach(function (id) {
      var text = data.prompts[id];
      box.appendChild(el('details', { class: 'prompt' }, [el('summary', { text: id }),
        el('pre', { class: 'prompt-text', text: text === undefined ? '(text not stored with this run: runs before prompts.json kept ids only)' : text })]));
    });
    return box;
  }

  function detail(it) {
    if (!compare) { return recordDetail(it); }
    var side = function (label, rs) {
      return el('div', null, [el('h3', { text: label })].concat(rs.map(recordDetail)));
    };
    return el('div', { class: 'sides' }, [side(data.base_label, it.base), side(data.new_label, it.new)]);
  }

  function row(it, i) {
    var tr;
    if (compare) {
      tr = el('tr', { class: 'case', 'data-index': String(i) }, [
        el('td', null, [el('span', { class: 'st ' + it.direction, text: NAMES[it.direction] })]),
        el('td', { text: it.system }), el('td', { text: it.dataset }), el('td', { class: 'case-id', text: it.case_id }), el('td', { text: it.category }),
        chips(it.base), chips(it.new)]);
    } else {
      var tokens = it.output ? (it.output.input_tokens || 0) + ' / ' + (it.output.output_tokens || 0) : '–';
      var st = recordStatus(it);
      tr = el('tr', { class: 'case', 'data-index': String(i) }, [
        el('td', null, [el('span', { class: 'st ' + (st === 'error' ? 'fail' : st), text: st })]),
        el('td', { text: it.system }), el('td', { text: it.dataset }),
        el('td', { class: 'case-id', text: it.case_id + (it.repeat ? ' #' + it.repeat : '') }), el('td', { text: it.category }),
        chips([it]), el('td', { text: it.cached ? 'cached' : fmt(it.latency_ms, 1) }), el('td', { text: tokens })]);
    }
    tr.addEventListener('click', function () {
      var next = tr.nextSibling;
      if (next && next.classList.contains('detail')) { body.removeChild(next); tr.classList.remove('open'); return; }
      var d = el('tr', { class: 'detail' }, [el('td', { colspan: String(head.length) }, [detail(it)])]);
      body.insertBefore(d, tr.nextSibling);
      tr.classList.add('open');
    });
    return tr;
  }

  function render() {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var hits = [];
    items.forEach(function (it, i) { if (matches(it)) { hits.push(i); } });
    hits.slice(0, shown).forEach(function (i) { body.appendChild(row(items[i], i)); });
    var total = compare ? items.length : data.total;
    count.textContent = hits.length + ' of ' + items.length + (compare ? ' flipped cases' : ' case records') + ' match' +
      (!compare && total > items.length ? ' (' + items.length + ' of ' + total + ' records embedded: failures first; the rest are in cases.jsonl)' : '') +
      (hits.length > shown ? '; showing the first ' + shown : '') + '. Click a row for its input, output, grades and prompt.';
    more.style.display = hits.length > shown ? '' : 'none';
    more.textContent = 'show ' + Math.min(PAGE, hits.length - shown) + ' more';
  }
  render();
})();
