// The page's own labels in Chinese and English (stage names come from the config, unchanged).
// The language: ?lang=zh|en (remembered), else the one remembered in localStorage, else navigator.language.
(function () {
  'use strict';

  var TEXT = {
    zh: {
      title: '销售漏斗', period: '周期', breakdown: '维度', all: '全部', now: '当前', connecting: '连接中…',
      live: '实时', stale: '数据可能滞后（再平衡中）', apiError: 'API 错误', retrying: '重试中',
      'kind.WEEK': '周', 'kind.MONTH': '月', 'kind.QUARTER': '季度', 'kind.YEAR': '年',
      funnel: '漏斗', stage: '阶段', reached: '到达', entered: '进入', lost: '流失', activeNow: '在途', stalled: '停滞',
      flowCohort: '→ 下一阶段 流量 / 同期', meanDaysInStage: '平均停留天数', meanDaysToConvert: '平均转化天数',
      leadToWon: '线索→成交', stalledOverdue: '停滞与逾期', lead: '线索', type: '类型', owner: '负责人', tier: '级别',
      daysInStage: '阶段天数', daysOverdue: '逾期天数', none: '无', stall: '停滞', overdue: '逾期',
      stalledCaption: '{0} 个停滞，{1} 个逾期跟进，{2} 条线索', topFirst: ' · 高级别、逾期最久者优先',
      channelCosts: '渠道成本', channel: '渠道', spend: '花费', leads: '线索', opps: '商机', costPerOpp: '商机成本',
      won: '成交', leadToOpp: '线索→商机', cac: '获客成本', roi: 'ROI', noSpend: '本期无花费或线索',
      targets: '目标进度', targetsCaption: '条 = 实际，线 = 按进度应达', noTargets: '当前周期无目标（配置 funnel.targets）',
      noTargetsConfigured: '未配置目标',
      review: '周复盘', lastFullWeek: '上一整周；本周进行中：{0}，新增 {1}', noWeeks: '暂无周数据',
      newLeads: '新线索', weekOverWeek: '环比', wonValue: '成交额', bottleneck: '瓶颈', pair: '转化',
      thisWeek: '本周', previousWeek: '上周', changePts: '变化（百分点）', topLossReasons: '主要流失原因',
      lossReasons: '流失原因占比', reason: '原因', count: '次数', share: '占比', stageLosses: '该阶段流失',
      noLosses: '本期无流失',
      drops: '转化率骤降告警', week: '周', dropPair: '阶段 → 下一阶段', raisedAt: '告警时间', message: '说明',
      noDrops: '无转化率骤降', dropsCaption: '已结束的周，全部维度',
      leadList: '线索列表', activeOnly: '仅在途', anyState: '全部状态', lostOnly: '仅流失', anyStage: '全部阶段',
      anyTier: '全部级别', ownerPlaceholder: '负责人（精确）', enteredAt: '进入当前阶段', lastTouch: '最近跟进',
      state: '状态', active: '在途', lostState: '已流失', next: '下一页 →', first: '← 第一页', noLeads: '无匹配线索',
      history: '阶段历史', endedAt: '离开', days: '天数', endedBy: '结束方式', move: '推进/回退', loss: '流失',
      open: '进行中', close: '关闭', csv: 'CSV', csvStages: 'CSV：阶段', csvConversions: 'CSV：转化', csvTitle: '下载此表 (CSV, UTF-8)', footer: '数据来自本实例的 /api/*（交互式查询）；定义见 SPEC.md。',
      stages: '个阶段',
      salesKpis: '销售指标', pipeline: '销售管道（当前）', pipelineHint: '加权 = 在途金额 × 阶段赢率',
      openLeads: '在途线索', valuedLeads: '有预估值', openValue: '在途金额', weightedValue: '加权金额',
      noOpenLeads: '无在途线索', noSales: '本期无商机、成交或流失', winRate: '赢单率', avgDealSize: '平均客单价',
      meanCycleDays: '平均成交周期（天）', salesVelocity: '销售速度（每天）', cycleHistogram: '成交周期分布（天）：',
      daysUnit: '天', periodReview: '月度 / 季度复盘', running: '进行中', previousPeriod: '上期', thisPeriod: '本期',
      previousPeriodLeads: '上期新线索', periodOverPeriod: '环比', topReason: '主要原因', noPeriods: '暂无数据',
      expectedByNow: '按进度应达',
      'reason.price': '价格', 'reason.need_mismatch': '需求不符', 'reason.competitor': '竞争对手',
      'reason.no_budget': '无预算', 'reason.no_response': '无回应', 'reason.timing': '时机', 'reason.other': '其他'
    },
    en: {
      title: 'Sales funnel', period: 'Period', breakdown: 'Breakdown', all: 'all', now: 'now', connecting: 'connecting…',
      live: 'live', stale: 'stale (rebalancing)', apiError: 'API error', retrying: 'retrying',
      'kind.WEEK': 'week', 'kind.MONTH': 'month', 'kind.QUARTER': 'quarter', 'kind.YEAR': 'year',
      funnel: 'Funnel', stage: 'Stage', reached: 'reached', entered: 'entered', lost: 'lost', activeNow: 'active now',
      stalled: 'stalled', flowCohort: '→ next: flow / cohort', meanDaysInStage: 'mean days in stage',
      meanDaysToConvert: 'mean days to convert', leadToWon: 'lead→won', stalledOverdue: 'Stalled & overdue leads',
      lead: 'Lead', type: 'Type', owner: 'Owner', tier: 'Tier', daysInStage: 'days in stage', daysOverdue: 'days overdue',
      none: 'none', stall: 'stall', overdue: 'overdue',
      stalledCaption: '{0} stalled, {1} overdue follow-ups, {2} leads', topFirst: ' · top tier, then most overdue, first',
      channelCosts: 'Channel costs', channel: 'Channel', spend: 'spend', leads: 'leads', opps: 'opps',
      costPerOpp: 'cost / opp', won: 'won', leadToOpp: 'lead→opp', cac: 'CAC', roi: 'ROI',
      noSpend: 'no spend or leads in this period',
      targets: 'Targets & pacing', targetsCaption: 'bar = actual, line = expected by now',
      noTargets: 'no targets for the current period (config: funnel.targets)', noTargetsConfigured: 'no targets configured',
      review: 'Weekly review', lastFullWeek: 'last full week; running: {0}, {1} new', noWeeks: 'no weeks with data yet',
      newLeads: 'new leads', weekOverWeek: 'week over week', wonValue: 'won value', bottleneck: 'bottleneck',
      pair: 'pair', thisWeek: 'flow', previousWeek: 'previous', changePts: 'change (pts)', topLossReasons: 'top loss reasons',
      lossReasons: 'Loss reasons by stage', reason: 'Reason', count: 'count', share: 'share', stageLosses: 'stage losses',
      noLosses: 'no losses in this period',
      drops: 'Conversion drop alerts', week: 'Week', dropPair: 'stage → next', raisedAt: 'raised at', message: 'message',
      noDrops: 'no conversion drops', dropsCaption: 'closed weeks, dimension all',
      leadList: 'Leads', activeOnly: 'active only', anyState: 'any state', lostOnly: 'lost only', anyStage: 'any stage',
      anyTier: 'any tier', ownerPlaceholder: 'owner (exact)', enteredAt: 'in stage since', lastTouch: 'last touch',
      state: 'state', active: 'active', lostState: 'lost', next: 'next →', first: '← first page', noLeads: 'no matching leads',
      history: 'Stage history', endedAt: 'left', days: 'days', endedBy: 'ended by', move: 'move', loss: 'loss',
      open: 'open', close: 'close', csv: 'CSV', csvStages: 'CSV: stages', csvConversions: 'CSV: conversions', csvTitle: 'download this table (CSV, UTF-8)',
      footer: 'Numbers from /api/* of this instance (interactive queries); definitions in SPEC.md.', stages: 'stages',
      salesKpis: 'Sales KPIs', pipeline: 'Pipeline now', pipelineHint: 'weighted = open value × stage probability',
      openLeads: 'open leads', valuedLeads: 'with value', openValue: 'open value', weightedValue: 'weighted value',
      noOpenLeads: 'no open leads', noSales: 'no opportunities, wins or losses in this period', winRate: 'win rate',
      avgDealSize: 'average deal size', meanCycleDays: 'mean sales cycle (days)', salesVelocity: 'sales velocity per day',
      cycleHistogram: 'sales cycles (days):', daysUnit: 'days', periodReview: 'Monthly / quarterly review', running: 'running',
      previousPeriod: 'previous', thisPeriod: 'flow', previousPeriodLeads: 'previous period\'s new leads',
      periodOverPeriod: 'period over period', topReason: 'top reason', noPeriods: 'no data yet', expectedByNow: 'expected by now',
      'reason.price': 'price', 'reason.need_mismatch': 'need mismatch', 'reason.competitor': 'competitor',
      'reason.no_budget': 'no budget', 'reason.no_response': 'no response', 'reason.timing': 'timing', 'reason.other': 'other'
    }
  };

  function initial() {
    var asked = new URLSearchParams(location.search).get('lang');
    if (asked && TEXT[asked]) { try { localStorage.setItem('funnel-lang', asked); } catch (e) { /* private mode */ } return asked; }
    var kept = null;
    try { kept = localStorage.getItem('funnel-lang'); } catch (e) { /* private mode */ }
    if (kept && TEXT[kept]) { return kept; }
    return /^zh/i.test(navigator.language || '') ? 'zh' : 'en';
  }

  var lang = initial();

  function t(key) {
    var s = TEXT[lang][key];
    if (s === undefined) { s = TEXT.en[key] !== undefined ? TEXT.en[key] : key; }
    for (var i = 1; i < arguments.length; i++) { s = s.replace('{' + (i - 1) + '}', arguments[i]); }
    return s;
  }

  // every element with data-i18n="key" shows t(key); data-i18n-title and data-i18n-placeholder likewise
  function apply(root) {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.body.setAttribute('data-lang', lang);
    (root || document).querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    (root || document).querySelectorAll('[data-i18n-title]').forEach(function (el) { el.title = t(el.getAttribute('data-i18n-title')); });
    (root || document).querySelectorAll('[data-i18n-placeholder]').forEach(function (el) { el.placeholder = t(el.getAttribute('data-i18n-placeholder')); });
    document.title = t('title') + ' · funnel-streams';
  }

  function set(next) {
    lang = TEXT[next] ? next : 'en';
    try { localStorage.setItem('funnel-lang', lang); } catch (e) { /* private mode */ }
    apply();
  }

  window.FunnelI18n = { t: t, apply: apply, set: set, lang: function () { return lang; } };
})();
