// The lead list (GET /api/leads: filters, pages by cursor) and one lead's stage history
// (GET /api/leads/{id}). A row links to #lead=ID; the page opens that lead whenever the hash names one.
window.FunnelLeads = function (ctx) {
  'use strict';

  var PAGE = 15;
  var $ = function (id) { return document.getElementById(id); };
  var t = ctx.t, esc = ctx.esc;
  var page = { after: null, next: null, trail: [] };

  function query() {
    var q = [];
    if ($('lead-stage').value) { q.push('stage=' + encodeURIComponent($('lead-stage').value)); }
    if ($('lead-owner').value.trim()) { q.push('owner=' + encodeURIComponent($('lead-owner').value.trim())); }
    if ($('lead-tier').value) { q.push('tier=' + encodeURIComponent($('lead-tier').value)); }
    if ($('lead-active').value) { q.push('active=' + $('lead-active').value); }
    q.push('limit=' + PAGE);
    return q.join('&');
  }

  function fillFilters() {
    var keep = { stage: $('lead-stage').value, tier: $('lead-tier').value, active: $('lead-active').value };
    ctx.fillSelect($('lead-stage'), [{ value: '', text: t('anyStage') }].concat(ctx.config().stages.map(function (s) {
      return { value: s.id, text: s.name };
    })), keep.stage);
    ctx.fillSelect($('lead-tier'), [{ value: '', text: t('anyTier') }].concat(ctx.config().tiers.map(function (x) {
      return { value: x.name, text: x.name };
    })), keep.tier);
    ctx.fillSelect($('lead-active'), [{ value: 'true', text: t('activeOnly') }, { value: '', text: t('anyState') },
      { value: 'false', text: t('lostOnly') }], $('lead-active').options.length === 0 ? 'true' : keep.active);
  }

  function load() {
    var q = query() + (page.after ? '&after=' + encodeURIComponent(page.after) : '');
    $('leads-card').querySelector('a.csv').setAttribute('href', '/api/leads?' + q + '&format=csv');
    return ctx.api('/api/leads?' + q).then(render).catch(function (e) {
      $('lead-table').tBodies[0].innerHTML = '<tr><td colspan="9" class="empty">' + esc(e.message) + '</td></tr>';
    });
  }

  function render(body) {
    var now = Date.now(), selected = selectedLead();
    page.next = body.next;
    $('lead-next').disabled = !body.next;
    $('lead-first').disabled = !page.after;
    $('leads-caption').textContent = (page.trail.length + 1) + (body.stale ? ' · ' + t('stale') : '');
    var rows = body.records || [];
    $('lead-table').tBodies[0].innerHTML = rows.length === 0 ? '<tr><td colspan="9" class="empty">' + t('noLeads') + '</td></tr>'
      : rows.map(function (r) {
        var v = r.value, id = r.key.leadId;
        return '<tr class="lead-row' + (id === selected ? ' selected' : '') + '" data-lead="' + esc(id) + '" data-stage="'
          + esc(v.stage) + '"><td><a href="#lead=' + encodeURIComponent(id) + '">' + esc(id) + '</a></td>'
          + '<td>' + esc(ctx.stageName(v.stage)) + '</td><td>' + (v.active ? t('active') : '<span class="bad">' + t('lostState') + '</span>') + '</td>'
          + '<td>' + esc(v.owner || '–') + '</td><td>' + esc(v.tier || '–') + '</td><td>' + esc(v.channel) + '</td>'
          + '<td>' + esc(ctx.fmtDate(v.enteredAt)) + '</td><td>' + ctx.fmtDays(v.active ? (now - Date.parse(v.enteredAt)) / 86400000 : null) + '</td>'
          + '<td>' + esc(ctx.fmtDate(v.lastTouchAt)) + '</td></tr>';
      }).join('');
  }

  function selectedLead() {
    var m = /^#lead=(.+)$/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }

  // one lead's stays: from the hash, so that a click on a row, a link and a reload all open it
  function showLead() {
    var id = selectedLead();
    document.querySelectorAll('tr.lead-row').forEach(function (tr) {
      tr.classList.toggle('selected', tr.getAttribute('data-lead') === id);
    });
    if (!id) { $('lead-detail').innerHTML = ''; return Promise.resolve(); }
    return ctx.api('/api/leads/' + encodeURIComponent(id)).then(function (body) {
      var v = body.value;
      $('lead-detail').innerHTML = '<div id="lead-history" data-lead="' + esc(id) + '">'
        + '<h3>' + t('history') + ': ' + esc(id) + ' <span class="muted">' + esc(v.owner || '–') + ' · ' + esc(v.tier || '–')
        + ' · ' + esc(v.channel) + '</span> <a class="csv" href="/api/leads/' + encodeURIComponent(id) + '?format=csv">CSV</a></h3>'
        + '<table class="numbers compact"><thead><tr><th>' + t('stage') + '</th><th>' + t('enteredAt') + '</th><th>' + t('endedAt')
        + '</th><th>' + t('days') + '</th><th>' + t('endedBy') + '</th></tr></thead><tbody>'
        + (body.stageHistory || []).map(function (s) {
          var how = s.endedBy === 'loss' ? '<span class="bad">' + t('loss') + ' · ' + esc(t('reason.' + s.lossReason)) + '</span>'
            : s.endedBy === 'move' ? t('move') : '<span class="good">' + t('open') + '</span>';
          return '<tr class="stay-row" data-stage="' + esc(s.stage) + '" data-ended-by="' + esc(s.endedBy || 'open') + '">'
            + '<td>' + esc(s.stageName) + '</td><td>' + esc(ctx.fmtDate(s.enteredAt)) + '</td><td>' + esc(ctx.fmtDate(s.endedAt))
            + '</td><td>' + ctx.fmtDays(s.days) + '</td><td>' + how + '</td></tr>';
        }).join('') + '</tbody></table></div>';
    }).catch(function (e) {
      $('lead-detail').innerHTML = '<div class="empty">' + esc(id) + ': ' + esc(e.message) + '</div>';
    });
  }

  function restart() { page.after = null; page.trail = []; return load(); }

  fillFilters();
  ['lead-stage', 'lead-tier', 'lead-active'].forEach(function (id) { $(id).onchange = restart; });
  $('lead-owner').onchange = restart;
  $('lead-next').onclick = function () { if (page.next) { page.trail.push(page.after); page.after = page.next; load(); } };
  $('lead-first').onclick = restart;
  window.addEventListener('hashchange', showLead);

  return {
    refresh: function () { return Promise.all([load(), showLead()]); },
    relabel: function () { fillFilters(); return Promise.all([load(), showLead()]); }
  };
};
