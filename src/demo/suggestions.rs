//! Demo suggestions (意见和建议): about one for every eight customers over the last year,
//! most answered within days, some passed on, the newest still open.

use chrono::{DateTime, Duration, Utc};

use super::rng::Rng;
use super::{DemoSummary, OWNERS};
use crate::domain::complaint::Channel;
use crate::domain::customer::Grade;
use crate::domain::suggestion::{Status, Suggestion, SuggestionResponse, Topic};
use crate::domain::time::to_store;
use crate::error::Result;
use crate::store::Tx;

const IDEAS: &[(Topic, &str)] = &[
    (Topic::Product, "希望推出小包装规格，方便试产"),
    (Topic::Product, "建议在标签上增加批次二维码"),
    (Topic::Delivery, "希望每周五固定送货"),
    (Topic::Delivery, "建议提前一天发送发货通知"),
    (Topic::Process, "希望报价流程缩短到两个工作日"),
    (Topic::Process, "建议客诉处理进度可以在线查询"),
    (Topic::Service, "希望技术人员每季度来厂交流一次"),
    (Topic::Price, "希望年度合同给予阶梯价格"),
    (Topic::Other, "建议年会邀请主要客户参加"),
];

const ANSWERS: &[&str] = &[
    "已采纳，下月起执行",
    "已转生产部评估，月底前回复",
    "已与客户电话沟通并说明原因",
];

/// Adds the demo suggestions; a generator of its own keeps the other demo data unchanged.
pub(super) fn add_suggestions(
    tx: &Tx,
    seed: u64,
    customers: &[(String, Grade)],
    now: DateTime<Utc>,
    sum: &mut DemoSummary,
) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x5EED_0F5E_66E5_7104);
    let channels = [
        Channel::Phone,
        Channel::Wechat,
        Channel::Email,
        Channel::Visit,
    ];
    let n = customers.len().div_ceil(8);
    let mut received: Vec<i64> = (0..n).map(|_| rng.below(365 * 24) as i64 + 1).collect();
    // Oldest first, so numbers follow the order they came in.
    received.sort_unstable_by(|a, b| b.cmp(a));
    for hours_ago in received {
        let (code, _) = rng.pick(customers);
        let (topic, idea) = rng.pick(IDEAS);
        let at = now - Duration::hours(hours_ago);
        let s = Suggestion {
            customer: Some(code.clone()),
            received: Some(to_store(at)),
            channel: Some(*rng.pick(&channels)),
            content: Some(idea.to_string()),
            topic: Some(*topic),
            handler: Some(rng.pick(OWNERS).to_string()),
        };
        let number = tx.add_suggestion(&s, now)?;
        sum.suggestions += 1;
        let answer_after = Duration::hours(rng.below(10 * 24) as i64 + 2);
        if at + answer_after < now && rng.below(10) < 8 {
            let status = if rng.below(4) == 0 {
                Status::Forwarded
            } else {
                Status::Answered
            };
            let r = SuggestionResponse {
                response: Some(rng.pick(ANSWERS).to_string()),
                responded: Some(to_store(at + answer_after)),
                status: Some(status),
            };
            tx.respond_suggestion(&number, &r, now)?;
        }
    }
    Ok(())
}
