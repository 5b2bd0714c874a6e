"""Seed the overdue guidance: the stages, their sections and checklists, the collection rules,
the scam warnings and the help lines, in Chinese and English, each with its sources.

Written for a frightened reader: short sentences, one point per line, every legal term explained.
Every fact here comes from shared/FACTS.md with confidence H or M; facts marked U are left out
(for example, whether a borrower must be told when a debt is sold). Administrators edit these rows
in the admin afterwards; this migration only gives a fresh database the first version.
"""

from __future__ import annotations

from datetime import date

from django.db import migrations

REVIEWED = date(2026, 11, 29)

# Sources the guidance needs beyond those seeded in 0002.
# key, confidence, title zh, title en, summary zh, summary en
NEW_SOURCES = [
    (
        "npl-transfer-pilot-2021",
        "H",
        "原中国银保监会办公厅《关于开展不良贷款转让试点工作的通知》（2021年）",
        "Former CBIRC notice on the pilot transfer of non-performing loans (2021)",
        "个人不良贷款（如消费贷款、信用卡欠款）可以批量转让给资产管理公司；试点从2021年开始，之后又扩大了。",
        "Personal bad loans (consumer loans, credit-card debts) may be sold in bulk to "
        "asset-management companies; a pilot since 2021, since extended.",
    ),
    (
        "credit-report-status-codes",
        "M",
        "中国人民银行征信中心：个人信用报告还款状态说明",
        "PBOC Credit Reference Center: repayment status codes in the personal credit report",
        "还款状态“1”到“7”依次表示逾期1–30天直到逾期180天以上；“D”表示担保人代还，“Z”表示以资抵债，“G”表示结束，“B”表示呆账（已核销）。",
        "Status codes 1 to 7 mean from 1–30 days up to more than 180 days overdue; D: a guarantor "
        "paid; Z: settled with assets; G: ended; B: written off as a bad debt.",
    ),
]

# Sections of every stage, in this order: happens, costs, credit, may, may_not.
# Each: (text zh, text en, source keys). Text: one short point per line.
STAGES = [
    {
        "slug": "before-due",
        "phase": "before",
        "first_day": None,
        "last_day": None,
        "title": ("还款日之前", "Before the due date"),
        "headline": (
            "还没逾期：现在行动，选择最多。",
            "Not late yet: acting now gives you the most choices.",
        ),
        "sections": {
            "happens": (
                "你还没有逾期。这笔贷款在征信报告上还没有不良记录。\n"
                "如果能还，请在还款日当天或之前，通过应用或合同写明的方式还款。\n"
                "如果还不上全部金额，现在就联系贷款机构。还没逾期的时候，你的选择最多。",
                "You have not missed a payment yet. There is no negative record for this loan.\n"
                "If you can pay, pay on or before the due date, in the app or in the way your "
                "contract says.\n"
                "If you cannot pay it all, contact the lender now. Before anything is late, you "
                "have the most choices.",
                ["credit-report-status-codes"],
            ),
            "costs": (
                "还款日之前，你只需按合同支付本期应还的金额。\n"
                "从逾期第一天起，多数合同会加收罚息（按逾期金额每天计收的额外利息），有的还收滞纳金（逾期的固定费用）。\n"
                "所有利息和费用加在一起，都要算进贷款的年化成本。\n"
                "如果闹到法院，总成本超过法定界线的部分，法院通常不予支持：民间借贷的界线是一年期LPR的4倍；小额贷款公司等持牌机构，实践中在年化24%左右。",
                "Until the due date you pay only what your contract says for this payment.\n"
                "From the first day late, most contracts add penalty interest (an extra daily "
                "charge on the overdue amount). Some also add a late fee (a fixed charge).\n"
                "All interest and fees together count in the loan's yearly cost.\n"
                "If it ever goes to court, the part of the total cost above the legal line is "
                "usually not enforced: 4 times the one-year LPR for private lending; about 24% a "
                "year in practice for licensed lenders such as micro-loan companies.",
                ["pboc-2021-3", "spc-private-lending-2020", "spc-2020-27"],
            ),
            "credit": (
                "按时还款，这笔贷款的记录就保持良好。\n"
                "如果贷款机构向人民银行征信系统报送数据，哪怕只逾期1天，也可能显示为逾期。",
                "Paying on time keeps this loan's record clean.\n"
                "If the lender reports to the central bank's credit report, even 1 day late can "
                "show as overdue.",
                ["credit-report-status-codes"],
            ),
            "may": (
                "还款日之前没有逾期欠款，谈不上催收。\n"
                "贷款机构可以在8:00到22:00之间，通过短信、应用通知或电话提醒你按时还款。",
                "Before the due date nothing is overdue, so there is nothing to collect.\n"
                "The lender may remind you to pay on time, by text, app notice or phone, between "
                "08:00 and 22:00.",
                ["nifa-guidelines-2024", "cba-collection-2026"],
            ),
            "may_not": (
                "威胁、侮辱或恐吓你。\n"
                "诱导你从别的应用或别人那里借钱来还这笔贷款。\n"
                "把你的借款告诉你的家人、朋友或单位。",
                "Threaten, insult or frighten you.\n"
                "Push you to borrow from another app or person to pay this loan.\n"
                "Tell your family, friends or employer about your loan.",
                ["nifa-convention-2018", "cba-collection-2026"],
            ),
        },
        "checklist": [
            (
                "查看合同里的逾期条款：每天的罚息是多少，有没有滞纳金。",
                "Read the overdue clause in your contract: the penalty per day, and any late fee.",
                ["pboc-2021-3"],
            ),
            (
                "如果还不上全部，在还款日之前联系贷款机构，说明情况，问问有什么办法。",
                "If you cannot pay it all, contact the lender before the due date. Explain, and "
                "ask what they can offer.",
                ["nifa-guidelines-2024"],
            ),
            (
                "先算好每个月真正还得起多少，再做任何承诺。",
                "Work out what you can really pay each month before you promise anything.",
                ["cba-collection-2026"],
            ),
            (
                "不要从别的应用借钱来还这笔贷款。",
                "Do not borrow from another app to pay this loan.",
                ["cba-collection-2026", "cash-loan-notice-2017"],
            ),
            (
                "任何人说收费就能“停止催收”或“修复征信”，都不要付钱。",
                "Never pay anyone who offers to “stop collection” or “repair your credit”.",
                ["beijing-anti-collection-scam-2022", "credit-repair-2025"],
            ),
        ],
    },
    {
        "slug": "days-1-7",
        "phase": "overdue",
        "first_day": 1,
        "last_day": 7,
        "title": ("逾期第1–7天", "Days 1 to 7 late"),
        "headline": (
            "短信、应用通知和电话提醒。",
            "Reminders by text message, app notice and phone.",
        ),
        "sections": {
            "happens": (
                "你的还款已经逾期。贷款机构开始提醒你：短信、应用通知和电话。\n"
                "头几天的提醒通常比较客气，一般由贷款机构自己发出。\n"
                "罚息从逾期第一天起每天累加。",
                "Your payment is overdue. The lender starts to remind you: text messages, app "
                "notices and phone calls.\n"
                "In these first days reminders are usually polite and come from the lender "
                "itself.\n"
                "Penalty interest adds up every day from the first day late.",
                ["nifa-guidelines-2024", "cba-collection-2026"],
            ),
            "costs": (
                "多数合同会对逾期金额按天收取罚息，有的还收一笔固定的滞纳金。\n"
                "用本站的逾期计算器，填上合同里的罚息，就能看到到现在为止多付了多少。\n"
                "罚息、滞纳金和其他所有费用都计入总成本。超过法定界线的部分，法院通常不予支持。",
                "Most contracts charge penalty interest on the overdue amount for each day late. "
                "Some add a fixed late fee.\n"
                "Use our days-late calculator with the penalty from your contract to see what it "
                "has cost so far.\n"
                "Penalty interest, late fees and every other charge count in the total cost. "
                "Courts usually do not enforce the part above the legal lines.",
                ["pboc-2021-3", "spc-private-lending-2020", "spc-2020-27"],
            ),
            "credit": (
                "如果贷款机构向人民银行征信系统报送数据，逾期可能显示为还款状态“1”（逾期1–30天）。\n"
                "尽快还上逾期金额，记录就不会继续变差：每多逾期一个月，状态就升高一级。",
                "If the lender reports to the central bank's credit report, the late payment can "
                "show as status “1” (1 to 30 days overdue).\n"
                "Paying the overdue amount soon stops the record getting worse: the status goes "
                "up one step for each month you stay overdue.",
                ["credit-report-status-codes"],
            ),
            "may": (
                "在8:00到22:00之间，通过短信、应用通知和电话提醒你。\n"
                "每天打几次电话：按互联网金融协会的指引，每天接通的催收电话合计最多3次；按银行业协会的指引，同一号码每天最多拨打6次。\n"
                "只有在联系不上你的时候，才可以联系你事先填写的紧急联系人。",
                "Remind you by text, app notice and phone, between 08:00 and 22:00.\n"
                "Call a few times a day: at most 3 answered collection calls a day in total under "
                "the internet-finance association's guidelines; at most 6 attempts a day to one "
                "number under the banking association's guideline.\n"
                "Call an emergency contact you named in advance, but only if they cannot reach "
                "you.",
                ["nifa-guidelines-2024", "cba-collection-2026", "nifa-convention-2018"],
            ),
            "may_not": (
                "未经你同意，在22:00到次日8:00之间打电话或发消息。\n"
                "威胁、侮辱或恐吓你。\n"
                "把你的欠款告诉你的家人、朋友、同事或单位。\n"
                "向你收取额外的“催收费”。",
                "Call or message you between 22:00 and 08:00, unless you agreed.\n"
                "Threaten, insult or frighten you.\n"
                "Tell your family, friends, colleagues or employer about your debt.\n"
                "Charge you an extra “collection fee”.",
                ["nifa-guidelines-2024", "nifa-convention-2018", "cba-collection-2026"],
            ),
        },
        "checklist": [
            (
                "能还就马上还上逾期的部分：拖得越久，费用越多，征信记录越差。",
                "If you can, pay the overdue part now: the longer it waits, the more it costs "
                "and the worse the record.",
                ["credit-report-status-codes"],
            ),
            (
                "还不上就主动给贷款机构打电话，说清楚你什么时候能还、能还多少。",
                "If you cannot, call the lender yourself. Say when you can pay, and how much.",
                ["nifa-guidelines-2024"],
            ),
            (
                "要求对方提供明细账单：欠多少，本金、利息、罚息、费用各是多少（可以用本站的信件模板）。",
                "Ask for an itemised statement: what you owe, split into principal, interest, "
                "penalty and fees (use our letter).",
                ["pboc-2021-3", "civil-code-670"],
            ),
            (
                "开始记联系记录：每个电话、每条消息都记下来。",
                "Start a contact log: write down every call and message.",
                ["nifa-guidelines-2024", "cba-collection-2026"],
            ),
            (
                "不要从别的应用借钱来还。",
                "Do not borrow from another app to pay.",
                ["cba-collection-2026", "cash-loan-notice-2017"],
            ),
        ],
    },
    {
        "slug": "days-8-30",
        "phase": "overdue",
        "first_day": 8,
        "last_day": 30,
        "title": ("逾期第8–30天", "Days 8 to 30 late"),
        "headline": (
            "提醒变多，罚息和费用在累加。",
            "More reminders; penalty interest and fees keep adding up.",
        ),
        "sections": {
            "happens": (
                "提醒更频繁，语气更强硬：电话和短信更多。\n"
                "贷款机构可能提醒你会影响征信，或者说要把欠款交给催收公司。\n"
                "每多逾期一天，就多一天罚息。",
                "Reminders come more often and sound firmer: more calls and messages.\n"
                "The lender may warn you about your credit report, or say it will pass the debt "
                "to a collection agency.\n"
                "Each extra day late adds another day of penalty interest.",
                ["nifa-guidelines-2024", "cba-collection-2026", "cbirc-consumer-protection-2023"],
            ),
            "costs": (
                "罚息按逾期金额每天继续累加。\n"
                "催收人员不能自己另外收费，比如“催收费”。每一笔费用是什么，你都可以要求对方说清楚。\n"
                "所有费用加在一起计入总成本；超过法定界线的部分，法院通常不予支持。",
                "Penalty interest keeps adding up every day on the overdue amount.\n"
                "Collectors may not add fees of their own, such as a “collection fee”. You can "
                "ask what every charge is for.\n"
                "All charges together count in the total cost; courts usually do not enforce the "
                "part above the legal lines.",
                ["cba-collection-2026", "spc-private-lending-2020", "spc-2020-27"],
            ),
            "credit": (
                "征信报告上可能出现还款状态“1”（逾期1–30天）。\n"
                "到第31天，可能变成“2”（逾期31–60天）。在那之前还上，就停在“1”。",
                "Status “1” (1 to 30 days overdue) can appear on your credit report.\n"
                "On day 31 it can become “2” (31 to 60 days). Paying before then keeps it at "
                "“1”.",
                ["credit-report-status-codes"],
            ),
            "may": (
                "在8:00到22:00之间打电话、发消息，但要在每天的次数限制以内（每天接通合计最多3次；同一号码每天最多拨打6次）。\n"
                "如实告诉你对征信的影响和下一步会怎样。\n"
                "把欠款委托给催收公司，但委托之前必须告诉你。",
                "Call and message you between 08:00 and 22:00, within the daily limits (at most 3 "
                "answered calls a day in total; at most 6 attempts a day to one number).\n"
                "Tell you truthfully what it does to your credit report and what comes next.\n"
                "Hand the debt to a collection agency, but they must tell you before they do.",
                ["nifa-guidelines-2024", "cba-collection-2026", "cbirc-consumer-protection-2023"],
            ),
            "may_not": (
                "联系与你的贷款无关的人，或者把你的欠款告诉别人。\n"
                "在能联系上你的时候，去找你的紧急联系人。\n"
                "威胁、侮辱、恐吓你，或者冒充警察、法院等国家工作人员。\n"
                "逼你去别处借钱来还。",
                "Contact people who have nothing to do with your loan, or tell anyone about your "
                "debt.\n"
                "Call your emergency contact when they can reach you.\n"
                "Threaten, insult or frighten you, or pretend to be the police, a court or "
                "another official.\n"
                "Push you to borrow somewhere else to pay.",
                ["nifa-convention-2018", "cba-collection-2026", "cbirc-consumer-protection-2023"],
            ),
        },
        "checklist": [
            (
                "能还的话，在第31天之前还上逾期部分，征信状态就停在“1”。",
                "If you can, pay the overdue part before day 31, so the credit status stays at "
                "“1”.",
                ["credit-report-status-codes"],
            ),
            (
                "还不上全部，就书面提出一个每个月都能做到的还款计划（可以用本站的信件模板）。",
                "If you cannot pay it all, propose in writing a repayment plan you can keep every "
                "month (use our letter).",
                ["cba-collection-2026"],
            ),
            (
                "要求明细账单，对照合同逐项核对每一笔费用。",
                "Ask for an itemised statement and check every charge against your contract.",
                ["pboc-2021-3", "civil-code-670"],
            ),
            (
                "继续记联系记录：日期、时间、对方是谁、说了什么。截图保存消息。",
                "Keep your contact log: date, time, who, what was said. Save screenshots.",
                ["nifa-guidelines-2024", "cba-collection-2026"],
            ),
            (
                "不要付钱给“反催收”“停息挂账”代理。",
                "Never pay “anti-collection” or “stop interest” agents.",
                ["beijing-anti-collection-scam-2022"],
            ),
        ],
    },
    {
        "slug": "months-1-3",
        "phase": "overdue",
        "first_day": 31,
        "last_day": 90,
        "title": ("逾期1–3个月（第31–90天）", "1 to 3 months late (days 31 to 90)"),
        "headline": (
            "催收升级：电话更多、聊天软件发消息、给联系人施压，有时还有违法的威胁。",
            "Escalation: more calls, chat-app messages, pressure on contacts, sometimes unlawful "
            "threats.",
        ),
        "sections": {
            "happens": (
                "催收升级：电话和消息更多，有时会通过微信等聊天软件联系你。\n"
                "欠款可能被委托给催收公司。委托之前，贷款机构必须告诉你。\n"
                "有些催收人员会给你的联系人施压，或者威胁你。这些做法很多是违规的，见下面“催收人员不能做什么”。",
                "Collection escalates: more calls and messages, sometimes on chat apps such as "
                "WeChat.\n"
                "The debt may be handed to a collection agency. The lender must tell you before "
                "it does.\n"
                "Some collectors pressure your contacts or make threats. Much of this breaks the "
                "rules: see “What collectors may not do” below.",
                ["cbirc-consumer-protection-2023", "nifa-guidelines-2024", "cba-collection-2026"],
            ),
            "costs": (
                "罚息已经累计了一到三个月。用逾期计算器看看一共多少。\n"
                "看看总成本有没有超过年化24%或36%的界线：计算器会帮你比较。\n"
                "催收人员不能自己加收费用。只通过贷款机构的官方应用或官方账户还款，不要转到催收人员的个人账户。",
                "Penalty interest has now run for one to three months. Use the days-late "
                "calculator to see the total.\n"
                "Check whether the total cost now goes past the 24% or 36% a year lines: the "
                "calculator compares it for you.\n"
                "Collectors may not add fees of their own. Pay only through the lender's official "
                "app or account, never into a collector's personal account.",
                ["spc-2020-27", "cash-loan-notice-2017", "cba-collection-2026"],
            ),
            "credit": (
                "征信报告上的还款状态可能升到“2”（逾期31–60天），再到“3”（逾期61–90天）。\n"
                "不良记录在还清之后还要保留5年，其他贷款机构都能看到。",
                "The status on your credit report can rise to “2” (31 to 60 days) and then “3” "
                "(61 to 90 days).\n"
                "A negative record stays for 5 years after you repay, and other lenders can see "
                "it.",
                ["credit-report-status-codes", "credit-reporting-regulation-16"],
            ),
            "may": (
                "在8:00到22:00之间、在每天的次数限制以内联系你。\n"
                "在告知你之后，把欠款委托给催收公司。\n"
                "如实告诉你，他们可能通过法律途径追讨。\n"
                "只有在联系不上你的时候，才联系你事先填写的紧急联系人。",
                "Contact you between 08:00 and 22:00, within the daily limits.\n"
                "Hand the debt to a collection agency, after telling you.\n"
                "Tell you truthfully that they may take legal action.\n"
                "Call the emergency contact you named, but only if they cannot reach you.",
                [
                    "nifa-guidelines-2024",
                    "cba-collection-2026",
                    "cbirc-consumer-protection-2023",
                    "nifa-convention-2018",
                ],
            ),
            "may_not": (
                "打电话给你的家人、朋友、同事或单位来让你难堪，或者把他们拉进群聊。\n"
                "公开张贴你的照片、身份证或欠款信息，或者发给你的联系人。\n"
                "威胁你或你的家人、侮辱你，或者扬言使用暴力。\n"
                "冒充警察、法院、检察院或其他国家工作人员。\n"
                "用暴力、胁迫、跟踪、骚扰等方式催收非法债务（例如高利放贷产生的债务）；情节严重的，这是犯罪。",
                "Call your family, friends, colleagues or employer to shame you, or add them to "
                "group chats.\n"
                "Post your photo, ID card or debt in public, or send it to your contacts.\n"
                "Threaten you or your family, insult you, or threaten violence.\n"
                "Pretend to be the police, a court, a prosecutor or any other official.\n"
                "Collect illegal debts (for example from usury) by violence, coercion, stalking "
                "or harassment. When serious, that is a crime.",
                ["cba-collection-2026", "cbirc-consumer-protection-2023", "criminal-law-293-1"],
            ),
        },
        "checklist": [
            (
                "保存每一条消息和通话记录，并逐条写进联系记录。",
                "Keep every message and call record, and write each one in your contact log.",
                ["cba-collection-2026"],
            ),
            (
                "催收违规，先书面向贷款机构投诉（可以用本站的投诉信），再拨打12378投诉。",
                "If a collector breaks the rules, complain to the lender in writing (use our "
                "complaint letter), then call 12378.",
                ["hotline-12378"],
            ),
            (
                "有人威胁使用暴力、跟踪你，或者堵在门口不走：立即拨打110。",
                "Threats of violence, being followed, or someone at your door who will not "
                "leave: call 110 at once.",
                ["police-110-96110", "criminal-law-293-1"],
            ),
            (
                "书面提出还款计划，并请贷款机构书面确认。",
                "Propose a repayment plan in writing, and ask the lender to confirm it in "
                "writing.",
                ["cba-collection-2026"],
            ),
            (
                "只通过贷款机构的官方应用或官方账户还款，不要把钱转给催收人员的个人账户。",
                "Pay only through the lender's official app or account, never into a "
                "collector's personal account.",
                ["cba-collection-2026", "police-110-96110"],
            ),
        ],
    },
    {
        "slug": "months-3-6",
        "phase": "overdue",
        "first_day": 91,
        "last_day": 180,
        "title": ("逾期3–6个月（第91–180天）", "3 to 6 months late (days 91 to 180)"),
        "headline": (
            "欠款可能交给催收公司；征信上的逾期等级继续升高。",
            "The debt may go to a collection agency; the overdue level on your credit report "
            "keeps rising.",
        ),
        "sections": {
            "happens": (
                "很多贷款机构会在这时把欠款委托给催收公司。委托之前必须告诉你。\n"
                "电话可能改由催收公司打来。问清楚对方是谁、受哪家机构委托，并记在联系记录里。\n"
                "贷款机构可能开始准备起诉（向法院提起诉讼）。",
                "Many lenders hand the debt to a collection agency around this time. They must "
                "tell you first.\n"
                "Calls may now come from the agency. Ask who they are and who hired them, and "
                "note it in your log.\n"
                "The lender may start preparing a lawsuit (asking a court to order you to pay).",
                ["cbirc-consumer-protection-2023", "civil-code-188-189"],
            ),
            "costs": (
                "罚息已经累计了三到六个月，欠款可能比当初借的多出不少。\n"
                "在同意任何金额之前，先要求对方提供明细账单。\n"
                "如果闹到法院，总成本超过法定界线的部分，法院通常不予支持。",
                "Penalty interest has run for three to six months. You may now owe a lot more "
                "than you borrowed.\n"
                "Before you agree to any figure, ask for an itemised statement.\n"
                "If it goes to court, the part of the total cost above the legal line is usually "
                "not enforced.",
                ["spc-private-lending-2020", "spc-2020-27", "pboc-2021-3"],
            ),
            "credit": (
                "还款状态可能升到“4”“5”“6”（逾期91–180天）。\n"
                "还清之后就不再升级；这条记录从还清之日起保留5年。",
                "The status can rise to “4”, “5” and “6” (91 to 180 days overdue).\n"
                "Once you repay it stops rising; the record is then kept for 5 years from the day "
                "you repay.",
                ["credit-report-status-codes", "credit-reporting-regulation-16"],
            ),
            "may": (
                "在告知你之后，通过催收公司联系你。\n"
                "在8:00到22:00之间、在每天的次数限制以内联系你。\n"
                "向法院起诉，请法官判决你还款。这是关于钱的民事案件。",
                "Contact you through a collection agency, after telling you.\n"
                "Contact you between 08:00 and 22:00, within the daily limits.\n"
                "Sue you: ask a court to order you to pay. This is a civil case about money.",
                [
                    "cbirc-consumer-protection-2023",
                    "nifa-guidelines-2024",
                    "cba-collection-2026",
                    "civil-code-188-189",
                ],
            ),
            "may_not": (
                "冒充法院、警察或检察院，或者发假的“法律文书”“逮捕通知”。\n"
                "威胁、侮辱你，或者把你的欠款告诉别人。\n"
                "未经你同意，在22:00到次日8:00之间上门或打电话。\n"
                "自己另外加收费用。",
                "Pretend to be a court, the police or a prosecutor, or send fake “legal papers” "
                "or “arrest notices”.\n"
                "Threaten or insult you, or tell others about your debt.\n"
                "Visit or call between 22:00 and 08:00 without your consent.\n"
                "Add fees of their own.",
                ["cbirc-consumer-protection-2023", "cba-collection-2026"],
            ),
        },
        "checklist": [
            (
                "问清楚打电话的人：你们是哪家公司？受谁委托？记下来。",
                "Ask whoever calls: which company are you, and who hired you? Write it down.",
                ["cbirc-consumer-protection-2023"],
            ),
            (
                "向贷款机构要明细账单，并问清楚欠款有没有委托或转给别人。",
                "Ask the lender for an itemised statement, and whether the debt has been passed "
                "to anyone else.",
                ["pboc-2021-3", "cbirc-consumer-protection-2023"],
            ),
            (
                "书面提出一个能坚持下去的还款计划，自己留一份。",
                "Propose in writing a plan you can keep, and keep a copy.",
                ["cba-collection-2026"],
            ),
            (
                "有人自称来自法院或公安，自己查到官方电话打过去核实，不要用对方给的号码。",
                "If someone says they are from a court or the police, check by calling a number "
                "you look up yourself, not one they give you.",
                ["cbirc-consumer-protection-2023", "police-110-96110"],
            ),
            (
                "不要付钱给任何说能“停息挂账”“延期还款”的人。",
                "Never pay anyone who says they can “stop interest” or “suspend your account”.",
                ["beijing-anti-collection-scam-2022"],
            ),
        ],
    },
    {
        "slug": "over-6-months",
        "phase": "overdue",
        "first_day": 181,
        "last_day": None,
        "title": ("逾期6个月以上（第181天起）", "More than 6 months late (day 181 on)"),
        "headline": (
            "可能核销为呆账、转让或卖给其他公司，也可能被起诉。",
            "It may be written off as bad debt, transferred or sold, or taken to court.",
        ),
        "sections": {
            "happens": (
                "贷款机构可能在自己的账上把这笔欠款核销为呆账（认定很难收回）。这不等于一笔勾销：你仍然欠着。\n"
                "欠款可能被转让或卖出，例如批量卖给资产管理公司。\n"
                "贷款机构或买下欠款的公司可能起诉你。",
                "The lender may write the debt off as a bad debt in its own books (it expects "
                "not to get it back). That does not cancel it: you still owe it.\n"
                "The debt may be transferred or sold, for example in bulk to an "
                "asset-management company.\n"
                "The lender, or the company that bought the debt, may take you to court.",
                ["credit-report-status-codes", "npl-transfer-pilot-2021", "civil-code-188-189"],
            ),
            "costs": (
                "对方可能继续主张罚息，欠款数字还会变大。\n"
                "法院通常不支持总成本超过法定界线的部分。\n"
                "要求现在的债主提供明细账单：每一项数字是怎么算出来的。",
                "They may keep claiming penalty interest, so the figure can keep growing.\n"
                "A court usually does not enforce the part of the total cost above the legal "
                "line.\n"
                "Ask whoever owns the debt now for an itemised statement: how each figure is made "
                "up.",
                ["spc-private-lending-2020", "spc-2020-27", "pboc-2021-3"],
            ),
            "credit": (
                "还款状态可能到“7”（逾期180天以上）；如果贷款机构核销，会显示“B”（呆账）。\n"
                "只要没还清，这条记录就一直在；从还清之日起再保留5年，然后删除。",
                "The status can reach “7” (more than 180 days overdue), or “B” (bad debt) if the "
                "lender writes it off.\n"
                "As long as it is unpaid the record stays; it is kept 5 more years from the day "
                "you repay, then deleted.",
                ["credit-report-status-codes", "credit-reporting-regulation-16"],
            ),
            "may": (
                "把欠款卖给或转让给其他公司，由那家公司来联系你。\n"
                "起诉你。起诉的期限（诉讼时效）一般是3年，从贷款机构知道你违约时算起；分期还款的，从最后一期到期日算起。不要指望靠时效了结欠款，拿不准就问律师。\n"
                "继续在8:00到22:00之间、在每天的次数限制以内联系你。",
                "Sell or transfer the debt to another company, which may then contact you.\n"
                "Sue you. The time limit for suing (the limitation period) is usually 3 years from "
                "when the lender knew you had defaulted; for instalments, from the last "
                "instalment's due date. Do not count on it to end your debt; if unsure, ask a "
                "lawyer.\n"
                "Keep contacting you between 08:00 and 22:00, within the daily limits.",
                [
                    "npl-transfer-pilot-2021",
                    "civil-code-188-189",
                    "nifa-guidelines-2024",
                    "cba-collection-2026",
                ],
            ),
            "may_not": (
                "扬言让你“坐牢”“被抓”来吓唬你，或者冒充警察、法院。\n"
                "骚扰、跟踪你，限制你的人身自由，或者闯入你家。用这些方式催收非法债务，情节严重的构成犯罪：请拨打110。\n"
                "公开羞辱你，或者把你的欠款告诉你的联系人。",
                "Threaten you with “jail” or “arrest” to scare you, or pretend to be the police "
                "or a court.\n"
                "Harass or stalk you, hold you against your will, or enter your home. Collecting "
                "illegal debts this way is a crime when serious: call 110.\n"
                "Shame you in public, or tell your contacts about your debt.",
                [
                    "cbirc-consumer-protection-2023",
                    "cba-collection-2026",
                    "criminal-law-293-1",
                    "police-110-96110",
                ],
            ),
        },
        "checklist": [
            (
                "问清楚现在谁是债主，并向对方要明细账单。",
                "Ask who owns the debt now, and ask them for an itemised statement.",
                ["npl-transfer-pilot-2021", "pboc-2021-3"],
            ),
            (
                "法院联系你时不要置之不理：看清每一份文书，按上面的日期办。能找律师就找律师。",
                "If a court contacts you, do not ignore it: read every paper and keep to its "
                "dates. A lawyer can help.",
                ["civil-code-188-189"],
            ),
            (
                "提出你能做到的还款方案，先拿到书面协议再付钱。",
                "Offer a plan you can keep, and get the agreement in writing before you pay.",
                ["cba-collection-2026"],
            ),
            (
                "只通过官方渠道还款，保存好每一张收据。",
                "Pay only through official channels, and keep every receipt.",
                ["beijing-anti-collection-scam-2022"],
            ),
            (
                "催收违规打12378投诉；遇到威胁或暴力打110。",
                "Report improper collection to 12378; threats or violence to 110.",
                ["hotline-12378", "police-110-96110"],
            ),
        ],
    },
    {
        "slug": "settled",
        "phase": "settled",
        "first_day": None,
        "last_day": None,
        "title": ("还清之后", "After it is settled"),
        "headline": (
            "不良记录从还清之日起保留5年，然后删除。",
            "The negative record stays 5 years from the day you repay, then it is deleted.",
        ),
        "sections": {
            "happens": (
                "你已经还清了。向贷款机构要一份书面的结清证明，保存好。\n"
                "催收应当停止。如果还有人找你要钱，出示结清证明，并去投诉。",
                "You have repaid. Ask the lender for written proof that the loan is settled, and "
                "keep it.\n"
                "Collection should stop. If anyone still asks you to pay, show the proof and "
                "complain.",
                ["credit-reporting-regulation-16", "hotline-12378"],
            ),
            "costs": (
                "全部还清后，这笔贷款就不再欠钱了。\n"
                "任何要你花钱“洗白”或“修复”征信的人，都是骗子。",
                "Once the debt is fully repaid, nothing more is owed on it.\n"
                "Anyone who asks you to pay to “clean” or “repair” your credit record is running a "
                "scam.",
                ["credit-repair-2025", "beijing-anti-collection-scam-2022"],
            ),
            "credit": (
                "不良记录从你还清之日起在征信报告上保留5年，期满后删除。\n"
                "人民银行的一次性信用修复（2025年12月22日公布）：2020年至2025年间单笔不超过1万元的逾期，如果在2026年3月31日前全部还清，就不再展示。它是自动、免费的。\n"
                "查一查你的征信报告，确认这笔贷款显示为已结清。如果有错，可以向征信中心或报送数据的贷款机构提出异议。",
                "The negative record stays on your credit report for 5 years from the day you "
                "repaid, then it is deleted.\n"
                "The central bank's one-time credit repair (announced 2025-12-22): single overdue "
                "amounts up to 10,000 yuan from 2020 to 2025 stopped being shown if fully repaid "
                "by 2026-03-31. It was automatic and free.\n"
                "Check your credit report to make sure the loan shows as settled. If it is wrong, "
                "you can dispute it with the Credit Reference Center or the lender that reported "
                "it.",
                ["credit-reporting-regulation-16", "credit-repair-2025", "credit-report-dispute"],
            ),
            "may": (
                "给你最终账单或结清证明。\n"
                "在法定期限内，继续向征信系统如实报送这笔贷款的历史记录。",
                "Send you a final statement or proof that the loan is settled.\n"
                "Keep reporting the loan's true history to the credit report for the legal "
                "period.",
                ["credit-reporting-regulation-16"],
            ),
            "may_not": (
                "继续找你要已经还清的钱。\n"
                "收费帮你删除记录，或者收钱承诺提前删除。",
                "Keep asking you to pay a debt you have settled.\n"
                "Charge you to remove the record, or take money to promise it will go early.",
                ["credit-repair-2025", "beijing-anti-collection-scam-2022", "hotline-12363"],
            ),
        },
        "checklist": [
            (
                "拿到书面的结清证明，和还款收据放在一起保存。",
                "Get written proof of settlement, and keep it with your receipts.",
                ["credit-reporting-regulation-16"],
            ),
            (
                "查征信报告，确认显示已结清；有错就提出异议，或拨打12363。",
                "Check that your credit report shows the loan as settled; dispute any error, or "
                "call 12363.",
                ["credit-report-dispute", "hotline-12363"],
            ),
            (
                "不要花钱“修复征信”：记录满5年会自动删除。",
                "Never pay for “credit repair”: the record is deleted by itself after 5 years.",
                ["credit-repair-2025", "credit-reporting-regulation-16"],
            ),
            (
                "下次借钱之前，先在本站算一算贷款的真实成本。",
                "Before you borrow again, check the loan's true cost on Repayable.",
                ["pboc-2021-3"],
            ),
        ],
    },
]

# code, rule zh, rule en, breaks zh, breaks en, source keys
RULES = [
    (
        "hours",
        "晚上22:00到早上8:00之间不得催收，除非你同意。",
        "No collection between 22:00 and 08:00, unless you agreed.",
        "深夜或清晨打电话、发消息或上门。",
        "Calls, messages or visits late at night or early in the morning.",
        ["nifa-guidelines-2024", "cba-collection-2026"],
    ),
    (
        "call-limits",
        "每天只能打几次：每天接通的催收电话合计最多3次（互联网金融协会）；同一号码每天最多拨打6次（银行业协会）。",
        "Only a few calls a day: at most 3 answered collection calls a day in total "
        "(internet-finance association), and at most 6 attempts a day to one number (banking "
        "association).",
        "一天打几十个电话。\n换着号码一个接一个地打，让你拉黑都来不及。",
        "Dozens of calls a day.\nCalls from one number after another, so you cannot block them.",
        ["nifa-guidelines-2024", "cba-collection-2026", "nifa-convention-2018"],
    ),
    (
        "contacts",
        "只能向你本人催收，不能找你的家人、朋友或单位。你事先填写的紧急联系人，只有在联系不上你时才能联系。",
        "They collect from you, not from your family, friends or workplace. An emergency contact "
        "you named may be called only when you cannot be reached.",
        "给你手机通讯录里的人打电话。\n给你的单位或同事打电话。\n把你的欠款告诉任何人。",
        "Calling people in your phone's contact list.\nCalling your employer or colleagues.\n"
        "Telling anyone about your debt.",
        ["nifa-convention-2018", "nifa-guidelines-2024", "cba-collection-2026"],
    ),
    (
        "threats",
        "不得威胁、侮辱、恐吓，不得使用暴力。",
        "No threats, insults, intimidation or violence.",
        "辱骂你，用难听的话骂你。\n扬言伤害你或你的家人。\n发吓人的图片或消息。",
        "Swearing at you or calling you names.\nThreatening to hurt you or your family.\n"
        "Sending frightening pictures or messages.",
        ["nifa-convention-2018", "cba-collection-2026", "cbirc-consumer-protection-2023"],
    ),
    (
        "privacy",
        "不得公开张贴，不得泄露你的个人信息。",
        "No public notices, and no spreading your private information.",
        "把你的照片、身份证或欠款发到网上或群里。\n给你的联系人发关于你的“通告”。",
        "Posting your photo, ID card or debt online or in group chats.\n"
        "Sending “notices” about you to your contacts.",
        ["cba-collection-2026"],
    ),
    (
        "officials",
        "催收人员不得冒充警察、法院、检察院或其他国家工作人员。",
        "Collectors may not pretend to be the police, a court, a prosecutor or any other "
        "official.",
        "自称来自公安或法院，其实不是。\n发假的法院文书或假的警方通知。",
        "Saying they are from the police or a court when they are not.\n"
        "Sending fake court papers or fake police notices.",
        ["cbirc-consumer-protection-2023"],
    ),
    (
        "fees",
        "催收人员不得额外收费。",
        "Collectors may not add fees of their own.",
        "合同里没有的“催收费”“立案费”“手续费”。",
        "A “collection fee”, “case fee” or “handling fee” that is not in your contract.",
        ["cba-collection-2026"],
    ),
    (
        "new-borrowing",
        "催收人员不得诱导你借新还旧（借一笔新贷款来还旧贷款）。",
        "Collectors may not push you to take a new loan to pay an old one.",
        "给你发其他贷款应用的链接。\n叫你“今天之内”去找朋友或别的应用借钱。",
        "Sending you links to other loan apps.\n"
        "Telling you to borrow from friends or another app “today”.",
        ["cba-collection-2026"],
    ),
    (
        "outsourcing",
        "贷款机构把欠款委托给催收公司之前，必须告诉你。",
        "The lender must tell you before it hands your debt to a collection agency.",
        "一家你从没听说过的公司开始催收，贷款机构却从没通知过你。",
        "A company you never heard of starts collecting, and the lender never told you.",
        ["cbirc-consumer-protection-2023"],
    ),
    (
        "crime",
        "用暴力、胁迫、限制人身自由、侵入住宅、恐吓、跟踪、骚扰等方式催收非法债务（例如高利放贷产生的债务），情节严重的构成犯罪，最高可判3年有期徒刑。",
        "Collecting illegal debts (for example from usury) by violence, coercion, holding you "
        "against your will, entering your home, intimidation, stalking or harassment is a crime "
        "when serious: up to 3 years in prison.",
        "有人堵在你家门口不走。\n你被跟踪，或者被强行留在某个地方。",
        "Someone waits at your door and will not leave.\n"
        "You are followed, or kept somewhere against your will.",
        ["criminal-law-293-1", "police-110-96110"],
    ),
]

# code, title zh, title en, body zh, body en, advice zh, advice en, source keys
SCAMS = [
    (
        "anti-collection-agents",
        "收费的“反催收”“停息挂账”代理",
        "Paid “anti-collection” and “stop interest” agents",
        "他们声称收一笔钱就能帮你“停息挂账”“延期还款”，或者“让催收消失”。\n"
        "他们可能要你的身份证、密码、通讯录，或者先交一笔“押金”。\n"
        "监管部门提醒：这类代理是已知的骗局，拿走你的钱和个人信息，欠款却一点没少。",
        "They say that for a fee they can “stop interest”, “suspend your account” or “make "
        "the collectors go away”.\n"
        "They may ask for your ID card, passwords or contacts, or a “deposit” up front.\n"
        "Regulators warn that these agents are a known scam: they take your money and your "
        "personal data, and your debt stays the same.",
        "自己直接联系贷款机构：代理能提的要求，你都可以自己提。不当催收打12378投诉。遇到这类代理，可以拨打96110反诈专线。",
        "Talk to your lender yourself: anything an agent could ask for, you can ask for. "
        "Complain about improper collection to 12378. Report the agent to the 96110 anti-fraud "
        "line.",
        ["beijing-anti-collection-scam-2022", "hotline-12378", "police-110-96110"],
    ),
    (
        "credit-repair",
        "收费的“征信修复”",
        "Paid “credit repair”",
        "他们承诺收费就能删除征信报告上的逾期记录。\n"
        "真实的记录，谁也不能花钱删掉。不良记录在还清5年后会自动删除。\n"
        "人民银行2025年的一次性信用修复是自动、免费的：不用申请，不用中介，不收钱。",
        "They promise to delete late payments from your credit report for a fee.\n"
        "No one can delete a true record for money. A negative record is deleted by itself 5 "
        "years after you repay.\n"
        "The central bank's 2025 one-time credit repair was automatic and free: no application, "
        "no agent, no fee.",
        "如果记录有错，自己向征信中心或报送数据的贷款机构提出异议，或者拨打12363。",
        "If a record is wrong, dispute it yourself with the Credit Reference Center or the "
        "lender that reported it, or call 12363.",
        [
            "credit-repair-2025",
            "credit-reporting-regulation-16",
            "credit-report-dispute",
            "beijing-anti-collection-scam-2022",
        ],
    ),
    (
        "loans-to-repay-loans",
        "“借新还旧”的贷款",
        "Loans offered to pay off your loans",
        "有应用或个人说可以借你一笔新贷款，“帮你把其他贷款都还了”。\n"
        "新贷款有自己的利息和费用，欠的钱只会越滚越多。\n"
        "催收人员不得诱导你借新还旧。2017年的通知还规定，现金贷最多只能展期两次（展期：交费把还款日往后推）。",
        "An app or a person offers you a new loan “to clear all your other loans”.\n"
        "The new loan has its own interest and fees, so what you owe keeps growing.\n"
        "Collectors may not push you into new borrowing. A 2017 notice also allows a cash loan "
        "at most two rollovers (a rollover: paying a fee to push the due date back).",
        "不要借钱还债。告诉贷款机构你每个月能还多少，书面提出还款计划。",
        "Do not borrow to repay. Tell your lenders what you can pay each month, and propose a "
        "plan in writing.",
        ["cba-collection-2026", "cash-loan-notice-2017"],
    ),
]

# number, name zh, name en, when zh, when en, source keys
HELP_LINES = [
    (
        "12378",
        "银行保险消费者投诉热线（国家金融监督管理总局）",
        "Banking and insurance consumer complaint line (NFRA)",
        "投诉消费金融公司、小额贷款公司等：费用不透明、利率过高、不当催收。工作日接听，一般15个工作日内答复。",
        "Complaints about consumer-finance and micro-loan companies: unclear fees, very high "
        "rates, improper collection. Weekdays; usually answered within 15 working days.",
        ["hotline-12378"],
    ),
    (
        "12363",
        "中国人民银行金融消费权益保护电话",
        "People's Bank of China financial consumer line",
        "征信报告有错等金融消费投诉。工作日接听；在外地拨打要加当地区号。",
        "Credit-report errors and other financial-consumer complaints. Weekdays; from another "
        "city, dial the local area code first.",
        ["hotline-12363"],
    ),
    (
        "110",
        "报警电话",
        "Police",
        "遇到暴力、威胁、被限制人身自由或被跟踪，立即拨打。",
        "Call at once for violence, threats, being held against your will, or being followed.",
        ["police-110-96110", "criminal-law-293-1"],
    ),
    (
        "96110",
        "反诈专线",
        "Anti-fraud line",
        "遇到诈骗：收费“反催收”“修复征信”的中介，或冒充官方要你转账的人。",
        "Scams: paid “anti-collection” or “credit repair” agents, or fake officials asking you "
        "to transfer money.",
        ["police-110-96110"],
    ),
]


def seed(apps, schema_editor):
    Source = apps.get_model("core", "Source")
    Stage = apps.get_model("core", "Stage")
    StageSection = apps.get_model("core", "StageSection")
    ChecklistItem = apps.get_model("core", "ChecklistItem")
    CollectionRule = apps.get_model("core", "CollectionRule")
    ScamWarning = apps.get_model("core", "ScamWarning")
    HelpLine = apps.get_model("core", "HelpLine")

    last_order = Source.objects.order_by("-sort_order").values_list("sort_order", flat=True)
    order = (last_order.first() or 0) + 10
    for key, confidence, title_zh, title_en, sum_zh, sum_en in NEW_SOURCES:
        Source.objects.update_or_create(
            key=key,
            defaults={
                "confidence": confidence,
                "last_checked": REVIEWED,
                "title_zh": title_zh,
                "title_en": title_en,
                "summary_zh": sum_zh,
                "summary_en": sum_en,
                "sort_order": order,
            },
        )
        order += 10
    sources = {s.key: s for s in Source.objects.all()}

    def cite(row, keys):
        row.sources.set([sources[key] for key in keys])

    for stage_order, data in enumerate(STAGES, start=1):
        stage, _ = Stage.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "phase": data["phase"],
                "first_day": data["first_day"],
                "last_day": data["last_day"],
                "title_zh": data["title"][0],
                "title_en": data["title"][1],
                "headline_zh": data["headline"][0],
                "headline_en": data["headline"][1],
                "last_reviewed": REVIEWED,
                "sort_order": stage_order * 10,
            },
        )
        for kind, (body_zh, body_en, keys) in data["sections"].items():
            section, _ = StageSection.objects.update_or_create(
                stage=stage,
                kind=kind,
                defaults={"body_zh": body_zh, "body_en": body_en, "last_reviewed": REVIEWED},
            )
            cite(section, keys)
        stage.checklist.all().delete()
        for item_order, (text_zh, text_en, keys) in enumerate(data["checklist"], start=1):
            item = ChecklistItem.objects.create(
                stage=stage,
                text_zh=text_zh,
                text_en=text_en,
                sort_order=item_order * 10,
                last_reviewed=REVIEWED,
            )
            cite(item, keys)

    for rule_order, (code, rule_zh, rule_en, breaks_zh, breaks_en, keys) in enumerate(
        RULES, start=1
    ):
        rule, _ = CollectionRule.objects.update_or_create(
            code=code,
            defaults={
                "rule_zh": rule_zh,
                "rule_en": rule_en,
                "breaks_zh": breaks_zh,
                "breaks_en": breaks_en,
                "sort_order": rule_order * 10,
                "last_reviewed": REVIEWED,
            },
        )
        cite(rule, keys)

    for scam_order, (code, t_zh, t_en, b_zh, b_en, a_zh, a_en, keys) in enumerate(SCAMS, start=1):
        scam, _ = ScamWarning.objects.update_or_create(
            code=code,
            defaults={
                "title_zh": t_zh,
                "title_en": t_en,
                "body_zh": b_zh,
                "body_en": b_en,
                "advice_zh": a_zh,
                "advice_en": a_en,
                "sort_order": scam_order * 10,
                "last_reviewed": REVIEWED,
            },
        )
        cite(scam, keys)

    for line_order, (number, name_zh, name_en, when_zh, when_en, keys) in enumerate(
        HELP_LINES, start=1
    ):
        line, _ = HelpLine.objects.update_or_create(
            number=number,
            defaults={
                "name_zh": name_zh,
                "name_en": name_en,
                "when_zh": when_zh,
                "when_en": when_en,
                "sort_order": line_order * 10,
                "last_reviewed": REVIEWED,
            },
        )
        cite(line, keys)


def unseed(apps, schema_editor):
    for model in ("HelpLine", "ScamWarning", "CollectionRule", "Stage"):
        apps.get_model("core", model).objects.all().delete()
    apps.get_model("core", "Source").objects.filter(key__in=[s[0] for s in NEW_SOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_guidance")]
    operations = [migrations.RunPython(seed, unseed)]
