package dev.funnelstreams.core.generate;

import java.util.List;
import java.util.SplittableRandom;

/** The fixed word lists of the synthetic data: owners, industries, companies, contacts, notes. */
final class Vocabulary {

    /** Sales people and how well they convert (a multiplier of the advance probabilities). */
    static final List<String> OWNERS = List.of("zhang.wei", "li.na", "wang.fang", "liu.yang", "chen.jie", "yang.min",
            "zhao.lei", "huang.li", "zhou.tao", "wu.hao", "xu.jing", "sun.qiang");
    static final double[] OWNER_SKILL = {1.10, 1.05, 0.95, 1.00, 1.20, 0.85, 0.90, 1.00, 1.15, 0.80, 1.05, 0.95};

    static final List<String> INDUSTRIES = List.of("manufacturing", "retail", "finance", "healthcare", "education",
            "logistics", "software", "energy");
    static final double[] INDUSTRY_WEIGHT = {0.25, 0.15, 0.12, 0.10, 0.08, 0.10, 0.12, 0.08};

    static final List<String> COMPANY_PREFIX = List.of("华东", "华南", "华北", "西部", "东方", "中科", "新华", "鼎盛",
            "恒通", "瑞丰", "金桥", "天宇");
    static final List<String> COMPANY_CORE = List.of("精密", "智能", "物流", "医疗", "教育", "科技", "能源", "制造",
            "零售", "金融", "电子", "材料");
    static final List<String> COMPANY_SUFFIX = List.of("有限公司", "集团", "股份有限公司");
    static final List<String> SIZES = List.of("1-50", "50-200", "200-500", "500-2000", "2000+");

    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴");
    static final List<String> GIVEN = List.of("芳", "娜", "伟", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "丽");
    static final List<String> TITLES = List.of("采购经理", "IT总监", "运营总监", "总经理", "财务经理", "信息部主管");

    static final List<String> ACTIVITIES = List.of("call", "email", "visit", "meeting", "demo", "wechat");
    static final List<String> ACTIVITY_NOTES = List.of("跟进需求", "发送报价单", "约下次演示", "客户在出差", "确认预算",
            "technical Q&A");
    static final List<String> STAGE_NOTES = List.of("3 demos, good fit", "需求明确", "已提交方案", "进入商务谈判",
            "decision maker involved", "预算已批");

    /** Loss reasons early in the funnel and later, with weights; "other" stays rare. */
    static final List<String> EARLY_REASONS = List.of("no_response", "need_mismatch", "no_budget", "timing",
            "competitor", "price", "other");
    static final double[] EARLY_WEIGHT = {0.35, 0.30, 0.14, 0.10, 0.05, 0.04, 0.02};
    static final List<String> LATE_REASONS = List.of("price", "competitor", "no_budget", "timing", "need_mismatch",
            "no_response", "other");
    static final double[] LATE_WEIGHT = {0.30, 0.25, 0.15, 0.15, 0.07, 0.05, 0.03};
    /** Reason codes a CRM sends that are not SPEC codes: they count as other. */
    static final List<String> UNKNOWN_REASONS = List.of("budget_freeze", "merged_account", "duplicate_lead");
    static final List<String> LOSS_DETAILS = List.of("报价高出预算10%", "选择了竞品", "项目延期到明年", "联系不上",
            "went with in-house tool");

    private Vocabulary() {
    }

    static <T> T pick(List<T> list, SplittableRandom rnd) {
        return list.get(rnd.nextInt(list.size()));
    }

    static int weighted(double[] weights, SplittableRandom rnd) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
