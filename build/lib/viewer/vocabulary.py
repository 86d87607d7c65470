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
