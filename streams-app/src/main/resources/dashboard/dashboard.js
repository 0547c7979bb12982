// The funnel dashboard: plain JS over this instance's /api/*, charts from the ECharts webjar.
// Polls every few seconds; every number shown is a field of an API record (SPEC section 4 names).
(function () {
  'use strict';

  var POLL_MS = 4000;
  var FONT = getComputedStyle(document.body).fontFamily;
  var params = new URLSearchParams(location.search);
  if (params.get('token')) { sessionStorage.setItem('funnel-token', params.get('token')); }
  var token = sessionStorage.getItem('funnel-token');

  var t = window.FunnelI18n.t;
  var state = { config: null, periods: null, stageName: {}, selection: {}, timer: null, charts: {} };
  var $ = function (id) { return document.getElementById(id); };

  // ---- helpers -------------------------------------------------------------------------------
  function api(path) {
    var headers = { 'Accept': 'application/json' };
    if (token) { headers['Authorization'] = 'Bearer ' + token; }
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { var e = new Error(body.error || ('HTTP ' + r.status)); e.status = r.status; throw e; }
        return body;
      });
    });
  }
  function optional(promise) { return promise.catch(function (e) { return { unavailable: e.message, records: [] }; }); }
  function num(v) { return v === null || v === undefined || v === '' ? null : Number(v); }
  function fmtInt(v) { v = num(v); return v === null ? '–' : v.toLocaleString('en-US'); }
  function fmtMoney(v) {
    v = num(v); if (v === null) { return '–'; }
    var cur = state.config && state.config.currency === 'CNY' ? '¥' : '';
    return cur + v.toLocaleString('en-US', { maximumFractionDigits: v >= 1000 ? 0 : 2 });
  }
  function fmtPct(v, digits) { v = num(v); return v === null ? '–' : (v * 100).toFixed(digits === undefined ? 1 : digits) + '%'; }
  function fmtDays(v) { v = num(v); return v === null ? '–' : v.toFixed(1); }
  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function label(p) { return typeof p === 'string' ? p : (p && (p.label || p.week || p.period)) || String(p); }
  function stageName(id) { return state.stageName[id] || id; }
  function rec(r) { return r && r.value !== undefined ? r : { key: r, value: r }; }
  function chart(id) {
    if (!window.echarts) { return null; }
    if (!state.charts[id]) { state.charts[id] = echarts.init($(id), null, { renderer: 'canvas' }); }
    return state.charts[id];
  }
  function daysSince(iso, now) { return iso ? (now - Date.parse(iso)) / 86400000 : null; }
  function fmtDate(iso) { return iso ? iso.substring(0, 16).replace('T', ' ') : '–'; }
  function reasonName(code) { return t('reason.' + code) === 'reason.' + code ? code : t('reason.' + code); }

  // ---- CSV links: every table's API query with format=csv; with a token, fetched with it and saved as a file
  function csvLinks(sel) {
    var q = 'period=' + encodeURIComponent(sel.period) + '&dimension=' + encodeURIComponent(sel.dimension)
      + (sel.dimension !== 'all' && sel.value ? '&value=' + encodeURIComponent(sel.value) : '');
    var links = {
      stageFlow: '/api/funnel?' + q + '&format=csv&table=stageFlow',
      conversions: '/api/funnel?' + q + '&format=csv&table=conversions',
      lossReasons: '/api/funnel?' + q + '&format=csv&table=lossReasons',
      alerts: '/api/alerts?format=csv',
      drops: '/api/alerts?type=CONVERSION_DROP&format=csv',
      'channel-costs': '/api/channel-costs?period=' + encodeURIComponent(sel.period) + '&format=csv',
      targets: '/api/targets?format=csv',
      'weekly-review': '/api/weekly-review?format=csv',
      pipeline: '/api/pipeline?dimension=' + encodeURIComponent(sel.dimension) + '&format=csv',
      'sales-kpis': '/api/sales-kpis?period=' + encodeURIComponent(sel.period) + '&dimension=' + encodeURIComponent(sel.dimension) + '&format=csv',
      'period-review': '/api/period-review?format=csv'
    };
    document.querySelectorAll('a.csv[data-csv]').forEach(function (a) {
      var href = links[a.getAttribute('data-csv')];
      if (href) { a.setAttribute('href', href); }
      a.title = t('csvTitle');
    });
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.csv');
    if (!a || !token) { return; } // without a token the link downloads as it is
    e.preventDefault();
    fetch(a.getAttribute('href'), { headers: { 'Authorization': 'Bearer ' + token } }).then(function (r) {
      var name = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '');
      return r.blob().then(function (b) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(b);
        link.download = name ? name[1] : 'table.csv';
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      });
    });
  });

  // ---- controls ------------------------------------------------------------------------------
  function fillSelect(sel, items, selected) {
    sel.innerHTML = items.map(function (it) {
      var v = typeof it === 'string' ? it : it.value, t = typeof it === 'string' ? it : it.text;
      return '<option value="' + esc(v) + '"' + (v === selected ? ' selected' : '') + '>' + esc(t) + '</option>';
    }).join('');
  }

  function setupControls() {
    var kinds = state.config.periods;
    // the current selection (after a language switch) or the URL's
    var kind = state.selection.kind || params.get('kind') || (kinds.indexOf('MONTH') >= 0 ? 'MONTH' : kinds[0]);
    state.selection.kind = kind;
    fillSelect($('period-kind'), kinds.map(function (k) { return { value: k, text: t('kind.' + k) }; }), kind);
    fillPeriods(state.selection.period || params.get('period'));
    state.selection.dimension = state.selection.dimension || params.get('dimension') || 'all';
    fillSelect($('dimension'), state.config.dimensions.map(function (d) {
      return { value: d, text: d === 'all' ? t('all') : d };
    }), state.selection.dimension);
    state.selection.value = state.selection.value || params.get('value') || '';
    $('period-kind').onchange = function () { state.selection.kind = this.value; fillPeriods(null); refresh(); };
    $('period').onchange = function () { state.selection.period = this.value; refresh(); };
    $('dimension').onchange = function () { state.selection.dimension = this.value; state.selection.value = ''; refresh(); };
    $('dimension-value').onchange = function () { state.selection.value = this.value; refresh(); };
  }

  function fillPeriods(wanted) {
    var kind = state.selection.kind;
    var list = ((state.periods.periods || {})[kind] || []).slice();
    var current = (state.periods.current || {})[kind];
    if (current && list.indexOf(current) < 0) { list.push(current); }
    list.sort().reverse();
    var chosen = wanted && list.indexOf(wanted) >= 0 ? wanted : (current || list[0]);
    state.selection.period = chosen;
    fillSelect($('period'), list.map(function (p) { return { value: p, text: p + (p === current ? ' (' + t('now') + ')' : '') }; }), chosen);
  }

  // ---- rendering -----------------------------------------------------------------------------
  function renderFunnel(funnel, snapshot) {
    var sel = state.selection, stages = state.config.stages;
    var flows = funnel.stageFlow.map(rec), convs = funnel.conversions.map(rec);
    var values = {};
    flows.forEach(function (r) { values[r.key.dimensionValue] = (values[r.key.dimensionValue] || 0) + num(r.value.reached); });
    var valueList = Object.keys(values).sort(function (a, b) { return values[b] - values[a]; });
    var value = sel.dimension === 'all' ? 'all' : (valueList.indexOf(sel.value) >= 0 ? sel.value : valueList[0]);
    if (sel.dimension === 'all') {
      $('dimension-value').style.display = 'none';
    } else {
      $('dimension-value').style.display = '';
      fillSelect($('dimension-value'), valueList, value);
    }
    var byStage = {}, convByFrom = {}, snap = {};
    flows.filter(function (r) { return r.key.dimensionValue === value; })
      .forEach(function (r) { byStage[r.key.stage] = r.value; });
    convs.filter(function (r) { return r.key.dimensionValue === value; }).forEach(function (r) {
      var fromIdx = stages.findIndex(function (s) { return s.id === r.key.fromStage; });
      var next = stages[fromIdx + 1];
      if (next && next.id === r.key.toStage) { convByFrom[r.key.fromStage] = r.value; }
    });
    (snapshot.records || []).map(rec)
      .filter(function (r) { return r.key.dimension === sel.dimension && r.key.dimensionValue === value; })
      .forEach(function (r) { snap[r.key.stage] = r.value; });

    var first = byStage[stages[0].id], wonStage = state.config.wonStage;
    var overall = convs.filter(function (r) {
      return r.key.dimensionValue === value && r.key.fromStage === stages[0].id && r.key.toStage === wonStage;
    })[0];
    $('funnel-caption').textContent = funnel.period + ' · ' + (sel.dimension === 'all' ? t('all')
      : sel.dimension + ' = ' + value) + ' · ' + t('leadToWon') + ' ' + fmtPct(overall && overall.value.flowRate)
      + ' · ' + t('meanDaysToConvert') + ' ' + fmtDays(overall && overall.value.meanDaysToConvert)
      + (funnel.stale ? ' · ' + t('stale') : '');

    var rows = stages.map(function (s) {
      var f = byStage[s.id] || { reached: 0, entered: 0, lost: 0 }, c = convByFrom[s.id], n = snap[s.id] || {};
      return '<tr class="stage-row" data-stage="' + esc(s.id) + '" data-reached="' + num(f.reached) + '"'
        + ' data-active="' + (num(n.active) || 0) + '" data-stalled="' + (num(n.stalled) || 0) + '">'
        + '<td class="stage-name">' + esc(s.name) + ' <span class="muted">' + esc(s.id) + '</span></td>'
        + '<td>' + fmtInt(f.reached) + '</td><td>' + fmtInt(f.entered) + '</td><td>' + fmtInt(f.lost) + '</td>'
        + '<td>' + fmtInt(n.active || 0) + '</td><td class="' + (num(n.stalled) > 0 ? 'bad' : '') + '">' + fmtInt(n.stalled || 0) + '</td>'
        + '<td class="days-in-stage">' + fmtDays(f.meanDaysInStage) + '</td>'
        + '<td>' + (c ? '<span class="conv">' + fmtPct(c.flowRate) + '</span> <span class="cohort">/ ' + fmtPct(c.cohortRate) + '</span>' : '') + '</td>'
        + '<td class="days-to-convert">' + (c ? fmtDays(c.meanDaysToConvert) : '') + '</td>'
        + '</tr>';
    });
    $('stage-table').tBodies[0].innerHTML = rows.join('');
    $('stage-table').setAttribute('data-period', funnel.period);
    $('stage-table').setAttribute('data-dimension-value', value);

    var ch = chart('funnel-chart');
    if (ch) {
      var max = Math.max.apply(null, stages.map(function (s) { return num((byStage[s.id] || {}).reached) || 0; }).concat([1]));
      ch.setOption({
        textStyle: { fontFamily: FONT },
        tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name) + '<br>' + t('reached') + ' ' + fmtInt(p.value); } },
        color: ['#1d4ed8', '#2563eb', '#3b82f6', '#60a5fa', '#10b981', '#34d399', '#6ee7b7', '#a7f3d0'],
        series: [{
          type: 'funnel', sort: 'none', left: 10, right: 10, top: 8, bottom: 8, min: 0, max: max, minSize: '12%', gap: 3,
          label: { position: 'inside', fontFamily: FONT, fontSize: 13, color: '#fff', fontWeight: 600,
                   formatter: function (p) { return p.name + '  ' + fmtInt(p.value); } },
          data: stages.map(function (s) { return { name: s.name, value: num((byStage[s.id] || {}).reached) || 0 }; })
        }]
      }, true);
    }
    renderBreakdown(flows, valueList);
    return value;
  }

  function renderBreakdown(flows, valueList) {
    var sel = state.selection, stages = state.config.stages;
    if (sel.dimension === 'all') { $('breakdown').innerHTML = ''; return; }
    var cell = {};
    flows.forEach(function (r) { cell[r.key.dimensionValue + '|' + r.key.stage] = num(r.value.reached); });
    var head = '<tr><th>' + esc(sel.dimension) + '</th>' + stages.map(function (s) { return '<th>' + esc(s.name) + '</th>'; }).join('')
      + '<th>' + t('leadToWon') + '</th></tr>';
    var body = valueList.slice(0, 12).map(function (v) {
      var first = cell[v + '|' + stages[0].id] || 0, won = cell[v + '|' + state.config.wonStage] || 0;
      return '<tr><td>' + esc(v) + '</td>' + stages.map(function (s) { return '<td>' + fmtInt(cell[v + '|' + s.id] || 0) + '</td>'; }).join('')
        + '<td>' + (first ? fmtPct(won / first) : '–') + '</td></tr>';
    }).join('');
    $('breakdown').innerHTML = '<table class="numbers compact"><thead>' + head + '</thead><tbody>' + body + '</tbody></table>';
  }

  function renderStalled(alerts, snapshot) {
    var now = Date.now();
    var open = (alerts.records || []).map(function (r) { return rec(r).value; })
      .filter(function (a) { return a && (a.type === 'STALL' || a.type === 'FOLLOW_UP_OVERDUE') && (a.status || 'RAISED') === 'RAISED'; });
    // every lead has one value per dimension: the slices of the chosen dimension add up to the total
    var totalStalled = (snapshot.records || []).map(rec)
      .reduce(function (s, r) { return s + (num(r.value.stalled) || 0); }, 0);
    if (alerts.unavailable) {
      $('stalled-caption').textContent = totalStalled + ' ' + t('stalled') + ' · ' + alerts.unavailable;
      $('stalled-table').tBodies[0].innerHTML = '<tr><td colspan="7" class="empty">' + esc(alerts.unavailable) + '</td></tr>';
      return;
    }
    // one row per lead: its STALL (since = the stay's start: days in stage) and its overdue follow-up
    var byLead = {}, order = [];
    open.forEach(function (a) {
      var row = byLead[a.leadId];
      if (!row) { row = byLead[a.leadId] = { a: a, types: [], inStage: null, overdue: null }; order.push(row); }
      row.types.push(a.type);
      if (a.type === 'STALL') { row.inStage = daysSince(a.since, now); }
      row.overdue = Math.max(row.overdue === null ? -Infinity : row.overdue, daysSince(a.deadline, now));
    });
    // the leads worth a call first: higher tier, then the longest overdue
    var tierRank = {};
    (state.config.tiers || []).slice().sort(function (a, b) { return Number(b.minValue) - Number(a.minValue); })
      .forEach(function (tier, i) { tierRank[tier.name] = i; });
    order.sort(function (x, y) {
      var tx = x.a.tier in tierRank ? tierRank[x.a.tier] : 99, ty = y.a.tier in tierRank ? tierRank[y.a.tier] : 99;
      return tx !== ty ? tx - ty : (y.overdue || 0) - (x.overdue || 0);
    });
    var stalls = open.filter(function (a) { return a.type === 'STALL'; }).length;
    $('stalled-caption').textContent = t('stalledCaption', stalls, open.length - stalls, order.length)
      + (order.length > 14 ? t('topFirst') : '');
    $('stalled-table').tBodies[0].innerHTML = order.length === 0 ? '<tr><td colspan="7" class="empty">' + t('none') + '</td></tr>'
      : order.slice(0, 14).map(function (r) {
        var a = r.a;
        var chips = r.types.slice().sort().reverse().map(function (type) {
          return '<span class="chip ' + esc(type) + '">' + (type === 'STALL' ? t('stall') : t('overdue')) + '</span>';
        }).join(' ');
        return '<tr class="stalled-row" data-lead="' + esc(a.leadId) + '" data-types="' + esc(r.types.join(',')) + '">'
          + '<td>' + esc(a.leadId) + '</td><td>' + chips + '</td>'
          + '<td>' + esc(a.stageName || stageName(a.stage)) + '</td><td>' + esc(a.owner || '–') + '</td><td>' + esc(a.tier || '–') + '</td>'
          + '<td>' + fmtDays(r.inStage) + '</td><td class="bad">' + fmtDays(r.overdue) + '</td></tr>';
      }).join('');
  }

  function renderChannels(costs) {
    var rows = (costs.records || []).map(rec);
    rows.sort(function (a, b) { return (num(b.value.spend) || 0) - (num(a.value.spend) || 0); });
    $('channels-caption').textContent = (costs.period || state.selection.period) + ' · CAC = spend / won';
    $('channel-table').tBodies[0].innerHTML = rows.length === 0 ? '<tr><td colspan="10" class="empty">' + t('noSpend') + '</td></tr>'
      : rows.map(function (r) {
        var v = r.value, roi = num(v.roi);
        return '<tr class="channel-row" data-channel="' + esc(r.key.channel) + '" data-lead-to-opp="' + esc(v.leadToOpportunityRate) + '">'
          + '<td>' + esc(r.key.channel) + '</td><td>' + fmtMoney(v.spend) + '</td>'
          + '<td>' + fmtInt(v.leads) + '</td><td>' + fmtMoney(v.costPerLead) + '</td><td>' + fmtInt(v.opportunities) + '</td>'
          + '<td class="conv">' + fmtPct(v.leadToOpportunityRate) + '</td>'
          + '<td>' + fmtMoney(v.costPerOpportunity) + '</td><td>' + fmtInt(v.won) + '</td><td>' + fmtMoney(v.costPerWon) + '</td>'
          + '<td class="' + (roi === null ? '' : roi >= 0 ? 'good' : 'bad') + '">' + (roi === null ? '–' : fmtPct(roi, 0)) + '</td></tr>';
      }).join('');
    var ch = chart('channel-chart');
    if (ch) {
      ch.setOption({
        textStyle: { fontFamily: FONT },
        grid: { left: 50, right: 50, top: 22, bottom: 22 },
        legend: { top: 0, textStyle: { fontSize: 11 } },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: rows.map(function (r) { return r.key.channel; }), axisLabel: { fontSize: 11 } },
        yAxis: [{ type: 'value', name: 'CPL', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
                { type: 'value', name: 'ROI %', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } }],
        series: [
          { name: 'CPL', type: 'bar', data: rows.map(function (r) { return num(r.value.costPerLead); }), itemStyle: { color: '#60a5fa' } },
          { name: 'ROI %', type: 'line', yAxisIndex: 1, data: rows.map(function (r) { var x = num(r.value.roi); return x === null ? null : Math.round(x * 100); }), itemStyle: { color: '#059669' } }
        ]
      }, true);
    }
  }

  // the targets of the current periods (week, month, quarter, year: those with targets), else of the last target
  // period; per period its count targets (metric reached) in stage order, then its money target (metric wonValue)
  function renderTargets(targets) {
    var rows = (targets.records || []).map(rec);
    var periods = rows.map(function (r) { return label(r.key.period); }).filter(function (p, i, a) { return a.indexOf(p) === i; }).sort();
    var current = (state.periods && state.periods.current) || {};
    var chosen = periods.filter(function (p) { return p === current.QUARTER || p === current.MONTH || p === current.WEEK || p === current.YEAR; });
    if (chosen.length === 0 && periods.length > 0) { chosen = [periods[periods.length - 1]]; }
    // the shortest period first: week, month, quarter, year
    var rank = function (p) { return p === current.WEEK ? 0 : p === current.MONTH ? 1 : p === current.QUARTER ? 2 : 3; };
    chosen.sort(function (a, b) { return rank(a) - rank(b); });
    var order = state.config.stages.map(function (s) { return s.id; });
    $('targets-caption').textContent = chosen.length > 0 ? chosen.join(', ') + ' · ' + t('targetsCaption') : t('noTargetsConfigured');
    if (chosen.length === 0) { $('targets').innerHTML = '<div class="empty">' + t('noTargets') + '</div>'; return; }
    $('targets').innerHTML = chosen.map(function (period) {
      var mine = rows.filter(function (r) { return label(r.key.period) === period; });
      mine.sort(function (a, b) {
        return ((a.key.metric === 'wonValue') - (b.key.metric === 'wonValue')) || order.indexOf(a.key.stage) - order.indexOf(b.key.stage);
      });
      return (chosen.length > 1 ? '<div class="target-period">' + esc(period) + '</div>' : '') + mine.map(function (r) {
        var v = r.value, money = r.key.metric === 'wonValue';
        var target = num(money ? v.targetValue : v.target) || 0, actual = num(money ? v.actualValue : v.actual) || 0;
        var exp = num(money ? v.expectedValueByNow : v.expectedByNow) || 0;
        var fmt = money ? fmtMoney : fmtInt;
        var scale = Math.max(target, actual, 1);
        return '<div class="target' + (money ? ' money' : '') + '" data-period="' + esc(period) + '" data-stage="' + esc(r.key.stage)
          + '" data-metric="' + esc(r.key.metric || 'reached') + '" data-actual="' + esc(money ? v.actualValue : v.actual)
          + '" data-target="' + esc(money ? v.targetValue : v.target) + '" data-ratio="' + esc(v.ratio) + '" data-status="' + esc(v.status) + '">'
          + '<div>' + esc(stageName(r.key.stage)) + (money ? ' <span class="muted">' + t('wonValue') + '</span>' : '') + '</div>'
          + '<div class="bar"><div class="fill ' + esc(v.status) + '" style="width:' + Math.min(100, 100 * actual / scale).toFixed(1) + '%"></div>'
          + '<div class="pace" title="' + t('expectedByNow') + ' ' + esc(fmt(money ? v.expectedValueByNow : v.expectedByNow)) + '" style="left:'
          + Math.min(100, 100 * exp / scale).toFixed(1) + '%"></div></div>'
          + '<div class="nums"><span class="actual">' + fmt(money ? v.actualValue : v.actual) + '</span> / <span class="goal">' + fmt(money ? v.targetValue : v.target) + '</span> <span class="ratio muted">'
          + fmtPct(v.ratio, 0) + '</span> <span class="chip ' + esc(v.status) + '">' + esc(v.status) + '</span></div></div>';
      }).join('');
    }).join('');
  }

  function renderReview(review) {
    var rows = (review.records || []).map(rec);
    rows.sort(function (a, b) { return label(a.key.week) < label(b.key.week) ? -1 : 1; });
    if (rows.length === 0) { $('review').innerHTML = '<div class="empty">' + t('noWeeks') + '</div>'; return; }
    var cur = rows[rows.length - 1], last = rows.length > 1 ? rows[rows.length - 2] : null;
    // the current week is still running: review the last complete week, show the running one beside it
    var w = last || cur, v = w.value, b = v.bottleneck;
    $('review-caption').textContent = label(w.key.week) + (last ? ' (' + t('lastFullWeek', label(cur.key.week), fmtInt(cur.value.newLeads)) + ')' : '');
    var wow = num(v.weekOverWeek);
    var kpis = '<div class="kpis">'
      + '<div class="kpi"><div class="v">' + fmtInt(v.newLeads) + '</div><div class="l">' + t('newLeads') + '</div></div>'
      + '<div class="kpi"><div class="v ' + (wow === null ? '' : wow >= 0 ? 'good' : 'bad') + '">' + (wow === null ? '–' : (wow >= 0 ? '+' : '') + fmtPct(wow)) + '</div><div class="l">' + t('weekOverWeek') + '</div></div>'
      + '<div class="kpi"><div class="v">' + fmtInt(v.won) + '</div><div class="l">' + t('won') + '</div></div>'
      + '<div class="kpi"><div class="v">' + fmtMoney(v.wonValue) + '</div><div class="l">' + t('wonValue') + '</div></div>'
      + '<div class="kpi"><div class="v bad" id="bottleneck">' + (b ? esc(stageName(b.fromStage)) + ' → ' + esc(stageName(b.toStage)) : '–') + '</div><div class="l">' + t('bottleneck') + '</div></div>'
      + '</div>';
    var pairs = (v.pairs || []).map(function (p) {
      var isB = b && p.fromStage === b.fromStage && p.toStage === b.toStage, cp = num(p.changePoints);
      return '<tr' + (isB ? ' class="bottleneck"' : '') + '><td>' + esc(stageName(p.fromStage)) + ' → ' + esc(stageName(p.toStage)) + '</td>'
        + '<td>' + fmtPct(p.flowRate) + '</td><td>' + fmtPct(p.previousFlowRate) + '</td>'
        + '<td class="' + (cp === null ? '' : cp >= 0 ? 'good' : 'bad') + '">' + (cp === null ? '–' : (cp >= 0 ? '+' : '') + cp.toFixed(1)) + '</td></tr>';
    }).join('');
    var losses = (v.topLossReasons || []).map(function (l) { return esc(reasonName(l.reason)) + ' ' + fmtInt(l.count); }).join(' · ');
    $('review').innerHTML = kpis + '<table class="numbers compact"><thead><tr><th>' + t('pair') + '</th><th>' + t('thisWeek') + '</th><th>'
      + t('previousWeek') + '</th><th>' + t('changePts') + '</th></tr></thead><tbody>'
      + pairs + '</tbody></table><div class="muted" style="margin-top:4px">' + t('topLossReasons') + ': ' + (losses || '–') + '</div>';
    var recent = rows.slice(-12), ch = chart('review-chart');
    if (ch) {
      ch.setOption({
        textStyle: { fontFamily: FONT },
        grid: { left: 40, right: 40, top: 22, bottom: 22 }, legend: { top: 0, textStyle: { fontSize: 11 } }, tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: recent.map(function (r) { return label(r.key.week).replace(/^\d{4}-/, ''); }), axisLabel: { fontSize: 10 } },
        yAxis: [{ type: 'value', axisLabel: { fontSize: 10 } }, { type: 'value', axisLabel: { fontSize: 10 } }],
        series: [
          { name: t('newLeads'), type: 'bar', data: recent.map(function (r) { return num(r.value.newLeads); }), itemStyle: { color: '#93c5fd' } },
          { name: t('won'), type: 'line', yAxisIndex: 1, data: recent.map(function (r) { return num(r.value.won); }), itemStyle: { color: '#059669' } }
        ]
      }, true);
    }
  }

  // every loss reason of every stage (not only the weekly top 3), for the chosen dimension value
  function renderLosses(funnel, value) {
    var stages = state.config.stages.map(function (s) { return s.id; });
    var rows = (funnel.lossReasons || []).map(rec).filter(function (r) { return r.key.dimensionValue === value; });
    rows.sort(function (a, b) {
      return stages.indexOf(a.key.stage) - stages.indexOf(b.key.stage) || num(b.value.count) - num(a.value.count)
        || (a.key.reason < b.key.reason ? -1 : 1);
    });
    $('loss-caption').textContent = funnel.period + (value === 'all' ? '' : ' · ' + value);
    $('loss-table').tBodies[0].innerHTML = rows.length === 0 ? '<tr><td colspan="5" class="empty">' + t('noLosses') + '</td></tr>'
      : rows.map(function (r) {
        var share = num(r.value.share);
        return '<tr class="loss-row" data-stage="' + esc(r.key.stage) + '" data-reason="' + esc(r.key.reason) + '" data-share="'
          + esc(r.value.share) + '"><td>' + esc(stageName(r.key.stage)) + '</td><td>' + esc(reasonName(r.key.reason)) + '</td>'
          + '<td>' + fmtInt(r.value.count) + '</td><td>' + fmtInt(r.value.stageLosses) + '</td>'
          + '<td><span class="share" style="width:' + Math.round((share || 0) * 60) + 'px"></span>' + fmtPct(share) + '</td></tr>';
      }).join('');
    var ch = chart('loss-chart');
    if (ch) {
      var withLosses = stages.filter(function (id) { return rows.some(function (r) { return r.key.stage === id; }); });
      var reasons = (state.config.lossReasons || []).filter(function (c) { return rows.some(function (r) { return r.key.reason === c; }); });
      ch.setOption({
        textStyle: { fontFamily: FONT }, grid: { left: 70, right: 16, top: 26, bottom: 20 },
        legend: { top: 0, textStyle: { fontSize: 10 } }, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', max: 100, axisLabel: { fontSize: 10, formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: withLosses.map(stageName), axisLabel: { fontSize: 11 } },
        series: reasons.map(function (code) {
          return { name: reasonName(code), type: 'bar', stack: 'share', data: withLosses.map(function (id) {
            var r = rows.filter(function (x) { return x.key.stage === id && x.key.reason === code; })[0];
            return r ? Math.round(num(r.value.share) * 1000) / 10 : 0;
          }) };
        })
      }, true);
    }
  }

  // CONVERSION_DROP alerts of the closed weeks (dimension all): the pair whose flow rate fell
  function renderDrops(alerts) {
    var drops = (alerts.records || []).map(function (r) { return rec(r).value; })
      .filter(function (a) { return a && a.type === 'CONVERSION_DROP'; });
    drops.sort(function (a, b) { return a.since < b.since ? 1 : -1; });
    var stages = state.config.stages;
    $('drops-caption').textContent = alerts.unavailable ? alerts.unavailable : t('dropsCaption');
    $('drop-table').tBodies[0].innerHTML = drops.length === 0 ? '<tr><td colspan="4" class="empty">' + t('noDrops') + '</td></tr>'
      : drops.slice(0, 12).map(function (a) {
        var i = stages.findIndex(function (s) { return s.id === a.stage; }), next = stages[i + 1];
        return '<tr class="drop-row" data-alert="' + esc(a.alertId) + '" data-stage="' + esc(a.stage) + '">'
          + '<td>' + esc(fmtDate(a.since).substring(0, 10)) + '</td>'
          + '<td><span class="chip CONVERSION_DROP">' + esc(a.stageName || stageName(a.stage)) + ' → ' + esc(next ? next.name : '') + '</span></td>'
          + '<td>' + esc(fmtDate(a.raisedAt)) + '</td><td class="muted" style="white-space:normal;text-align:left">' + esc(a.message) + '</td></tr>';
      }).join('');
  }

  // ---- polling -------------------------------------------------------------------------------
  function refresh() {
    clearTimeout(state.timer);
    var sel = state.selection;
    var q = 'period=' + encodeURIComponent(sel.period) + '&dimension=' + encodeURIComponent(sel.dimension);
    var reviewKind = state.sales.reviewKind(sel.kind);
    return Promise.all([
      api('/api/funnel?' + q),
      api('/api/snapshot?dimension=' + encodeURIComponent(sel.dimension)),
      optional(api('/api/alerts')),
      optional(api('/api/channel-costs?period=' + encodeURIComponent(sel.period))),
      optional(api('/api/targets')),
      optional(api('/api/weekly-review')),
      optional(api('/api/pipeline?dimension=' + encodeURIComponent(sel.dimension))),
      optional(api('/api/sales-kpis?period=' + encodeURIComponent(sel.period) + '&dimension=' + encodeURIComponent(sel.dimension))),
      reviewKind ? optional(api('/api/period-review?kind=' + reviewKind)) : Promise.resolve({ records: [] })
    ]).then(function (r) {
      var value = renderFunnel(r[0], r[1]);
      state.sales.renderKpis(r[7], r[0].period, sel.dimension, value);
      state.sales.renderPipeline(r[6], sel.dimension, value);
      if (reviewKind) { state.sales.renderPeriodReview(r[8], reviewKind, sel, refresh); }
      renderLosses(r[0], value);
      renderStalled(r[2], r[1]);
      renderDrops(r[2]);
      csvLinks(sel);
      renderChannels(r[3]);
      renderTargets(r[4]);
      renderReview(r[5]);
      var stale = r[0].stale || r[1].stale;
      var st = $('status');
      st.className = 'status ' + (stale ? 'stale' : 'live');
      st.textContent = (stale ? t('stale') : t('live')) + ' · ' + new Date().toLocaleTimeString('zh-CN', { hour12: false });
      return state.leads.refresh();
    }).then(function () {
      document.body.setAttribute('data-loaded', 'true');
    }).catch(function (e) {
      $('status').className = 'status error';
      $('status').textContent = t('apiError') + ': ' + e.message;
    }).then(function () {
      state.timer = setTimeout(function () { loadPeriods().then(refresh); }, POLL_MS);
    });
  }

  function loadPeriods() {
    return api('/api/periods').then(function (p) {
      var had = state.periods && JSON.stringify(state.periods.periods);
      state.periods = p;
      if (had !== JSON.stringify(p.periods)) { fillPeriods(state.selection.period); }
    }).catch(function () { /* keep the last list; refresh() reports the error */ });
  }

  function start() {
    api('/api/config').then(function (cfg) {
      state.config = cfg;
      cfg.stages.forEach(function (s) { state.stageName[s.id] = s.name; });
      $('footer-config').textContent = '· ' + cfg.stages.length + ' ' + t('stages') + ' · ' + cfg.timezone + ' · ' + cfg.currency;
      state.leads = window.FunnelLeads({ api: api, t: t, esc: esc, fillSelect: fillSelect, stageName: stageName,
        fmtDays: fmtDays, fmtDate: fmtDate, config: function () { return state.config; } });
      state.sales = window.FunnelSales({ t: t, esc: esc, num: num, rec: rec, stageName: stageName, chart: chart, FONT: FONT,
        fmtInt: fmtInt, fmtMoney: fmtMoney, fmtPct: fmtPct, fmtDays: fmtDays, reasonName: reasonName,
        config: function () { return state.config; }, periods: function () { return state.periods; } });
      return api('/api/periods');
    }).then(function (p) {
      state.periods = p;
      setupControls();
      return refresh();
    }).catch(function (e) {
      $('status').className = 'status error';
      $('status').textContent = t('apiError') + ': ' + e.message + ' (' + t('retrying') + ')';
      setTimeout(start, POLL_MS);
    });
  }

  // the language switch: relabel the page, redraw every table and chart in the other language
  function setupLanguage() {
    var button = $('lang-switch');
    var show = function () { button.textContent = window.FunnelI18n.lang() === 'zh' ? 'English' : '中文'; };
    window.FunnelI18n.apply();
    show();
    button.onclick = function () {
      window.FunnelI18n.set(window.FunnelI18n.lang() === 'zh' ? 'en' : 'zh');
      show();
      if (state.config) {
        $('footer-config').textContent = '· ' + state.config.stages.length + ' ' + t('stages') + ' · ' + state.config.timezone
          + ' · ' + state.config.currency;
        setupControls();
        state.leads.relabel();
        refresh();
      }
    };
  }

  window.addEventListener('resize', function () {
    Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); });
  });
  setupLanguage();
  start();
})();
