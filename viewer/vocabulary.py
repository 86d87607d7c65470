"""The viewer's one bilingual vocabulary: node types and roles, with their Chinese names, colours and shapes."""
from __future__ import annotations

# Okabe-Ito palette (colour-blind safe); types that share a colour differ by shape.
NODE_STYLES = {  # type: (colour, vis shape, Chinese name)
    "Document": ("#999999", "square", "文件"),
    "Policy": ("#999999", "triangleDown", "政策"),
    "Programme": ("#009E73", "diamond", "工程"),
    "Initiative": ("#009E73", "triangle", "举措"),
    "Task": ("#0072B2", "dot", "任务"),
    "Measure": ("#56B4E9", "dot", "措施"),
    "Principle": ("#56B4E9", "star", "原则"),
    "Target": ("#CC79A7", "star", "目标"),
    "Bureau": ("#D55E00", "box", "单位"),
    "Stakeholder": ("#E69F00", "ellipse", "主体"),
    "Incubator": ("#E69F00", "hexagon", "孵化器"),
    "Track": ("#F0E442", "hexagon", "赛道"),
    "Park": ("#F0E442", "square", "园区"),
}
OTHER_STYLE = ("#BBBBBB", "dot", "其他")

ROLE_STYLES = {  # role: (Chinese name, colour, line width, dashes)
    "lead": ("牵头", "#D55E00", 3.0, False),
    "support": ("配合", "#0072B2", 1.5, [8, 6]),
    "guide": ("指导", "#009E73", 1.5, [2, 5]),
}

KIND_ZH = {kind: style[2] for kind, style in NODE_STYLES.items()}
ROLE_ZH = {role: style[0] for role, style in ROLE_STYLES.items()}

# Result columns of the stored questions and lookups → Chinese headers with the English beside them.
COLUMN_ZH = {
    "task": "任务序号 No.", "title": "任务 task", "role": "角色 role", "bureau": "单位 bureau",
    "full_name": "全称 full name", "jurisdiction": "辖区 jurisdiction", "programme": "工程 programme",
    "deadline": "完成时限 deadline", "document": "方案 plan", "doc_number": "文号 number", "plan": "方案 plan",
    "lead": "牵头单位 lead", "leads": "牵头 leads", "supports": "配合 supports", "guides": "指导 guides",
    "total": "合计 total", "plans": "方案数 plans", "owners": "责任单位数 owners", "gap": "缺口 gap",
    "year": "年份 year", "metric": "指标 metric", "comparator": "比较 comparison", "value": "数值 value",
    "unit": "单位 unit", "text": "原文 text", "mentions": "提及次数 mentions", "park": "园区 park",
    "track": "赛道 track", "relation": "关系 relation", "kind": "类型 kind", "name": "名称 name",
    "count": "次数 count", "item": "条目 item", "number": "序号 No.", "entity_kind": "实体类型 entity kind",
    "entity": "实体 entity", "sentence": "原句 sentence", "measure": "保障措施 measure", "clause": "条款 clause",
    "role_a": "甲的角色 role of A", "role_b": "乙的角色 role of B", "role_c": "丙的角色 role of C",
    "bureau_a": "单位甲 bureau A", "bureau_b": "单位乙 bureau B", "jurisdiction_a": "甲辖区 jurisdiction A",
    "jurisdiction_b": "乙辖区 jurisdiction B", "shared_tasks": "共同任务数 shared", "tasks": "任务 tasks",
    "plan_a": "方案甲 plan A", "plan_b": "方案乙 plan B", "shared_bureaus": "共同单位数 shared",
    "bureaus": "单位 bureaus", "words": "词 words", "term": "主题 topic", "short_name": "简称 short name",
    "aliases": "别名 aliases", "id": "标识 id", "signed_on": "签发日期 signed",
}
# Values the stored questions return in English → Chinese with the English beside them.
VALUE_ZH = {
    "lead": "牵头 lead", "support": "配合 support", "guide": "指导 guide",
    "no owner": "无责任单位 no owner", "no lead": "无牵头 no lead", "several leads": "多个牵头 several leads",
    "single owner": "单一责任 single owner", "responsible for": "负责 responsible for", "issued": "签发 issued",
    "drafted": "起草 drafted", "shares tasks with": "共同负责 shares tasks with", "concerns": "涉及 concerns",
    ">=": "≥ 不少于", ">": "> 超过", "<=": "≤ 不超过", "<": "< 少于", "=": "= 等于",
    **{kind: f"{style[2]} {kind}" for kind, style in NODE_STYLES.items()},
}


def column_header(name: str) -> str:
    """The Chinese header of a result column (the column's own name when it is not in the table)."""
    return COLUMN_ZH.get(name, name)
