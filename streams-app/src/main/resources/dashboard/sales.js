// Sales analytics (SPEC section 9): the pipeline now (GET /api/pipeline), the sales KPIs of the chosen
// period and breakdown (GET /api/sales-kpis) and the monthly / quarterly / yearly review
// (GET /api/period-review). Every number shown is an API field, only formatted; data-raw holds it as sent.
window.FunnelSales = function (ctx) {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var t = ctx.t, esc = ctx.esc, num = ctx.num, rec = ctx.rec, stageName = ctx.stageName;
  var REVIEW_KINDS = ['MONTH', 'QUARTER', 'YEAR'];
  var review = { kind: null, pageKind: null };

  function raw(v) { return v === null || v === undefined ? '' : String(v); }
  function reviewKinds() {
    return REVIEW_KINDS.filter(function (k) { return ctx.config().periods.indexOf(k) >= 0; });
  }

  // ---- pipeline: open leads, open and weighted value per stage before the won stage, now --------
  function renderPipeline(pipeline, dimension, value) {
    var config = ctx.config();
    var wonIdx = config.stages.findIndex(function (s) { return s.won; });
    var stages = config.stages.slice(0, wonIdx);
    var byStage = {};
    (pipeline.records || []).map(rec)
      .filter(function (r) { return r.key.dimension === dimension && r.key.dimensionValue === value; })
      .forEach(function (r) { byStage[r.key.stage] = r.value; });
    $('pipeline-caption').textContent = t('now') + ' · ' + (dimension === 'all' ? t('all') : dimension + ' = ' + value)
      + ' · ' + t('pipelineHint') + (pipeline.unavailable ? ' · ' + pipeline.unavailable : '');
    $('pipeline-table').setAttribute('data-dimension-value', value);
    $('pipeline-table').tBodies[0].innerHTML = stages.map(function (s) {
      var v = byStage[s.id];
      if (!v) {
        return '<tr class="pipeline-row" data-stage="' + esc(s.id) + '" data-empty="true"><td class="stage-name">' + esc(s.name)
          + '</td><td colspan="4" class="muted">' + t('noOpenLeads') + '</td></tr>';
      }
      return '<tr class="pipeline-row" data-stage="' + esc(s.id) + '" data-open-leads="' + raw(v.openLeads)
        + '" data-valued-leads="' + raw(v.valuedLeads) + '" data-open-value="' + esc(raw(v.openValue))
        + '" data-weighted-value="' + esc(raw(v.weightedValue)) + '">'
        + '<td class="stage-name">' + esc(s.name) + '</td>'
        + '<td class="open-leads">' + ctx.fmtInt(v.openLeads) + '</td><td class="valued-leads">' + ctx.fmtInt(v.valuedLeads) + '</td>'
        + '<td class="open-value">' + ctx.fmtMoney(v.openValue) + '</td>'
        + '<td class="weighted-value">' + ctx.fmtMoney(v.weightedValue) + '</td></tr>';
    }).join('');
    var ch = ctx.chart('pipeline-chart');
    if (ch) {
      var money = function (x) { return ctx.fmtMoney(x); };
      ch.setOption({
        textStyle: { fontFamily: ctx.FONT },
        grid: { left: 78, right: 44, top: 26, bottom: 24 },
        legend: { top: 0, textStyle: { fontSize: 11 } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: stages.map(function (s) { return s.name; }), axisLabel: { fontSize: 11 } },
        yAxis: [{ type: 'value', axisLabel: { fontSize: 10, formatter: money } },
                { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } }],
        series: [
          { name: t('openValue'), type: 'bar', itemStyle: { color: '#93c5fd' },
            tooltip: { valueFormatter: money },
            data: stages.map(function (s) { return byStage[s.id] ? num(byStage[s.id].openValue) : 0; }) },
          { name: t('weightedValue'), type: 'bar', itemStyle: { color: '#2563eb' },
            tooltip: { valueFormatter: money },
            data: stages.map(function (s) { return byStage[s.id] ? num(byStage[s.id].weightedValue) : 0; }) },
          { name: t('openLeads'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#d97706' },
            data: stages.map(function (s) { return byStage[s.id] ? num(byStage[s.id].openLeads) : 0; }) }
        ]
      }, true);
    }
  }

  // ---- KPI strip: the sales-kpis record of the chosen period and breakdown value -------------------
  function kpi(name, v, text, label, cls, sub) {
    return '<div class="kpi" data-kpi="' + name + '" data-raw="' + esc(raw(v)) + '"><div class="v' + (cls ? ' ' + cls : '') + '">'
      + text + '</div><div class="l">' + label + (sub ? ' <span class="kpi-sub">' + sub + '</span>' : '') + '</div></div>';
  }
  function bound(v, won) { return v === null || v === undefined ? (num(won) > 0 ? '>365' : '–') : '≤' + v; }

  function renderKpis(kpis, period, dimension, value) {
    var r = (kpis.records || []).map(rec).filter(function (x) {
      return x.key.period === period && x.key.dimension === dimension && x.key.dimensionValue === value;
    })[0];
    $('kpi-strip').setAttribute('data-period', period);
    $('kpi-strip').setAttribute('data-dimension-value', value);
    $('kpi-caption').textContent = period + ' · ' + (dimension === 'all' ? t('all') : dimension + ' = ' + value)
      + (kpis.unavailable ? ' · ' + kpis.unavailable : '');
    if (!r) {
      $('kpi-strip').setAttribute('data-empty', 'true');
      $('kpi-strip').innerHTML = '<div class="empty">' + t('noSales') + '</div>';
      return;
    }
    $('kpi-strip').removeAttribute('data-empty');
    var v = r.value;
    var hist = (v.cycleDaysHistogram || []).map(function (b) {
      return (b.upTo === null ? '>365' : '≤' + b.upTo) + ': ' + b.count;
    }).join(', ');
    $('kpi-strip').innerHTML = [
      kpi('winRate', v.winRate, ctx.fmtPct(v.winRate), t('winRate'), 'good'),
      kpi('avgDealSize', v.avgDealSize, ctx.fmtMoney(v.avgDealSize), t('avgDealSize')),
      kpi('meanCycleDays', v.meanCycleDays, ctx.fmtDays(v.meanCycleDays), t('meanCycleDays'), null,
        '<span data-raw-p50="' + esc(raw(v.cycleDaysP50)) + '" data-raw-p90="' + esc(raw(v.cycleDaysP90)) + '" title="'
        + esc(t('cycleHistogram') + ' ' + hist) + '">P50 ' + bound(v.cycleDaysP50, v.won) + ' · P90 '
        + bound(v.cycleDaysP90, v.won) + ' ' + t('daysUnit') + '</span>'),
      kpi('salesVelocityPerDay', v.salesVelocityPerDay, ctx.fmtMoney(v.salesVelocityPerDay), t('salesVelocity')),
      kpi('wonValue', v.wonValue, ctx.fmtMoney(v.wonValue), t('wonValue')),
      kpi('won', v.won, ctx.fmtInt(v.won), t('won')),
      kpi('lost', v.lost, ctx.fmtInt(v.lost), t('lost'), num(v.lost) > 0 ? 'bad' : ''),
      kpi('opportunities', v.opportunities, ctx.fmtInt(v.opportunities), t('opps'))
    ].join('');
  }

  // ---- the monthly / quarterly / yearly review -------------------------------------------------------
  function setupReviewTabs(shown, onChange) {
    var kinds = reviewKinds();
    $('period-review-card').style.display = kinds.length === 0 ? 'none' : '';
    $('period-review-tabs').innerHTML = kinds.map(function (k) {
      return '<button type="button" data-kind="' + k + '"' + (k === shown ? ' class="on"' : '') + '>' + t('kind.' + k) + '</button>';
    }).join('');
    $('period-review-tabs').querySelectorAll('button').forEach(function (b) {
      b.onclick = function () { review.kind = b.getAttribute('data-kind'); onChange(); };
    });
  }

  /** The kind the review card shows: the one chosen in it (until the page's kind changes), else the page's, else the first. */
  function reviewKind(pageKind) {
    var kinds = reviewKinds();
    if (pageKind !== review.pageKind) { review.kind = null; review.pageKind = pageKind; }
    if (kinds.length === 0) { return null; }
    if (review.kind && kinds.indexOf(review.kind) >= 0) { return review.kind; }
    return kinds.indexOf(pageKind) >= 0 ? pageKind : kinds[0];
  }

  function renderPeriodReview(reviews, kind, sel, onChange) {
    setupReviewTabs(kind, onChange);
    var rows = (reviews.records || []).map(rec);
    rows.sort(function (a, b) { return a.key.period < b.key.period ? -1 : 1; });
    if (rows.length === 0) {
      $('period-review').innerHTML = '<div class="empty">' + esc(reviews.unavailable || t('noPeriods')) + '</div>';
      $('period-review-caption').textContent = t('kind.' + kind);
      return;
    }
    var current = ((ctx.periods() || {}).current || {})[kind];
    // the page's period when it is of this kind; else the last complete period (the running one if none)
    var chosen = sel.kind === kind ? rows.filter(function (r) { return r.key.period === sel.period; })[0] : null;
    if (!chosen) {
      var done = rows.filter(function (r) { return r.key.period !== current; });
      chosen = done.length > 0 ? done[done.length - 1] : rows[rows.length - 1];
    }
    var v = chosen.value, b = v.bottleneck, pop = num(v.periodOverPeriod);
    $('period-review-caption').textContent = chosen.key.period + (chosen.key.period === current ? ' (' + t('running') + ')' : '')
      + ' · ' + t('previousPeriod') + ' ' + ctx.fmtInt(v.previousPeriodLeads) + ' ' + t('newLeads');
    var kpis = '<div class="kpis" id="period-review-kpis" data-period="' + esc(chosen.key.period) + '">'
      + kpi('newLeads', v.newLeads, ctx.fmtInt(v.newLeads), t('newLeads'))
      + kpi('previousPeriodLeads', v.previousPeriodLeads, ctx.fmtInt(v.previousPeriodLeads), t('previousPeriodLeads'))
      + kpi('periodOverPeriod', v.periodOverPeriod, pop === null ? '–' : (pop >= 0 ? '+' : '') + ctx.fmtPct(v.periodOverPeriod),
        t('periodOverPeriod'), pop === null ? '' : pop >= 0 ? 'good' : 'bad')
      + kpi('won', v.won, ctx.fmtInt(v.won), t('won'))
      + kpi('wonValue', v.wonValue, ctx.fmtMoney(v.wonValue), t('wonValue'))
      + '<div class="kpi" data-kpi="bottleneck" data-raw="' + (b ? esc(b.fromStage + '|' + b.toStage) : '') + '"><div class="v bad">'
      + (b ? esc(stageName(b.fromStage)) + ' → ' + esc(stageName(b.toStage)) : '–') + '</div><div class="l">' + t('bottleneck') + '</div></div>'
      + '</div>';
    var pairs = (v.pairs || []).map(function (p) {
      var isB = b && p.fromStage === b.fromStage && p.toStage === b.toStage, cp = num(p.changePoints);
      return '<tr class="review-pair' + (isB ? ' bottleneck' : '') + '" data-pair="' + esc(p.fromStage + '|' + p.toStage)
        + '" data-flow-rate="' + esc(raw(p.flowRate)) + '" data-previous-flow-rate="' + esc(raw(p.previousFlowRate))
        + '" data-change-points="' + esc(raw(p.changePoints)) + '"><td>' + esc(stageName(p.fromStage)) + ' → ' + esc(stageName(p.toStage)) + '</td>'
        + '<td>' + ctx.fmtPct(p.flowRate) + '</td><td>' + ctx.fmtPct(p.previousFlowRate) + '</td>'
        + '<td class="' + (cp === null ? '' : cp >= 0 ? 'good' : 'bad') + '">' + (cp === null ? '–' : (cp >= 0 ? '+' : '') + cp.toFixed(1)) + '</td></tr>';
    }).join('');
    var losses = (v.lossesByStage || []).map(function (l) {
      return '<tr class="stage-loss" data-stage="' + esc(l.stage) + '" data-lost="' + raw(l.lost) + '" data-top-reason="'
        + esc(raw(l.topReason)) + '"><td>' + esc(stageName(l.stage)) + '</td><td class="' + (num(l.lost) > 0 ? 'bad' : '') + '">'
        + ctx.fmtInt(l.lost) + '</td><td>' + (l.topReason ? esc(ctx.reasonName(l.topReason)) : '–') + '</td></tr>';
    }).join('');
    var top = (v.topLossReasons || []).map(function (l) {
      return '<span class="top-loss" data-reason="' + esc(l.reason) + '" data-count="' + raw(l.count) + '">'
        + esc(ctx.reasonName(l.reason)) + ' ' + ctx.fmtInt(l.count) + '</span>';
    }).join(' · ');
    $('period-review').innerHTML = kpis
      + '<div class="split review-split"><table class="numbers compact"><thead><tr><th>' + t('pair') + '</th><th>' + t('thisPeriod')
      + '</th><th>' + t('previousPeriod') + '</th><th>' + t('changePts') + '</th></tr></thead><tbody>' + pairs + '</tbody></table>'
      + '<table class="numbers compact"><thead><tr><th>' + t('stage') + '</th><th>' + t('lost') + '</th><th>' + t('topReason')
      + '</th></tr></thead><tbody>' + losses + '</tbody></table></div>'
      + '<div class="muted" style="margin-top:4px">' + t('topLossReasons') + ': ' + (top || '–') + '</div>';
    var recent = rows.slice(-12), ch = ctx.chart('period-review-chart');
    if (ch) {
      ch.setOption({
        textStyle: { fontFamily: ctx.FONT },
        grid: { left: 40, right: 40, top: 22, bottom: 22 }, legend: { top: 0, textStyle: { fontSize: 11 } }, tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: recent.map(function (r) { return r.key.period; }), axisLabel: { fontSize: 10 } },
        yAxis: [{ type: 'value', axisLabel: { fontSize: 10 } }, { type: 'value', axisLabel: { fontSize: 10 } }],
        series: [
          { name: t('newLeads'), type: 'bar', data: recent.map(function (r) { return num(r.value.newLeads); }), itemStyle: { color: '#93c5fd' } },
          { name: t('won'), type: 'line', yAxisIndex: 1, data: recent.map(function (r) { return num(r.value.won); }), itemStyle: { color: '#059669' } }
        ]
      }, true);
    }
  }

  return { renderPipeline: renderPipeline, renderKpis: renderKpis, reviewKind: reviewKind, renderPeriodReview: renderPeriodReview };
};
