"""A synthetic corpus of work plans, deterministic from a seed number, for the benchmarks.

Plans are written in the seed's markup (parts 一、, sections (一), numbered tasks with (责任单位:A、B)) and in the
other markups the loaders read: (A、B负责), (X牵头,A、B参与), and separate 牵头单位:X / 责任单位:Y、Z lines.
Each plan records what it wrote (tasks, responsibilities) so tests can compare the parser against it.

    python -m bench.synth --plans 100 --out /tmp/corpus
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

DISTRICTS = ["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区", "通州区", "顺义区",
             "昌平区", "大兴区", "怀柔区", "平谷区", "密云区", "延庆区"]
# (short form as written in a duty clause, full name after the district prefix)
BUREAUS = [
    ("区科委", "科学技术委员会"), ("区发展改革委", "发展和改革委员会"), ("区经济和信息化局", "经济和信息化局"),
    ("区财政局", "财政局"), ("区国资委", "人民政府国有资产监督管理委员会"), ("区人力资源社会保障局", "人力资源和社会保障局"),
    ("区商务局", "商务局"), ("区文化和旅游局", "文化和旅游局"), ("区教委", "教育委员会"), ("区市场监管局", "市场监督管理局"),
    ("区住房和城市建设委", "住房和城市建设委员会"), ("区城市管理委", "城市管理委员会"), ("区委组织部", "委组织部"),
    ("区委宣传部", "委宣传部"), ("区科协", "科学技术协会"), ("区金融办", "金融服务办公室"), ("区投资促进中心", "投资促进服务中心"),
    ("区规划自然资源分局", "规划和自然资源分局"), ("区生态环境局", "生态环境局"), ("区卫生健康委", "卫生健康委员会"),
    ("区民政局", "民政局"), ("区司法局", "司法局"), ("区应急管理局", "应急管理局"), ("区统计局", "统计局"),
    ("区税务局", "税务局"), ("区交通委", "交通委员会"), ("区水务局", "水务局"), ("区农业农村局", "农业农村局"),
    ("区政务服务局", "政务服务管理局"), ("区知识产权局", "知识产权局"), ("区体育局", "体育局"), ("区园林绿化局", "园林绿化局"),
]
CITY_UNITS = ["市科委、中关村管委会", "市发展改革委", "市经济和信息化局", "市财政局", "市商务局", "市人力资源社会保障局"]
TRACKS = ["通用人工智能", "人工智能", "工业互联网", "虚拟现实", "智能硬件", "科幻产业", "未来健康", "未来信息", "未来制造",
          "未来空间", "智慧城市", "高端装备", "智能科技", "互联网3.0", "大健康", "数字经济", "生物医药", "医疗器械", "集成电路",
          "新能源", "新材料", "元宇宙", "区块链", "金融科技", "文化旅游"]
PARKS = ["首钢园", "中关村虚拟现实产业园", "中关村工业互联网产业园", "科幻产业集聚区"]
PARK_STEMS = ["未来科学城", "生命科学", "数字经济", "智能制造", "医药健康", "航空航天", "氢能", "网络安全", "软件信息",
              "文化创意", "光电", "北斗"]
PROGRAMMES = ["品牌孵化机构引育工程", "存量孵化机构升级工程", "城市融合赋能工程", "专业孵化人才提升工程", "创业孵化生态优化工程",
              "产业集群培育工程", "数字化转型推进工程", "营商环境优化工程", "科技金融深化工程", "开放合作拓展工程",
              "应用场景建设工程", "公共服务提升工程"]
TOPICS = ["科技孵化器高质量发展", "数字经济创新发展", "人工智能产业发展", "营商环境优化提升", "高精尖产业发展",
          "科技成果转化", "中小企业服务提升", "创新创业生态建设", "产业园区提质增效", "绿色低碳发展"]
VERBS = ["推动", "支持", "引导", "鼓励", "加强", "完善", "强化", "优化", "深化", "探索", "培育", "建立", "健全", "提升"]
OBJECTS = ["孵化机构", "专业服务", "应用场景", "人才队伍", "创业导师", "科技企业", "公共服务", "创新生态", "产业链条",
           "服务体系", "要素保障", "政策供给", "协同机制", "资源配置", "金融服务", "知识产权服务", "技术转移", "标准体系"]
ADVERBS = ["持续", "积极", "全面", "加快", "大力", "稳步", "深入", "切实", "统筹"]
FILLER = ["围绕重点产业发展方向", "聚焦科技成果转移转化", "以市场需求为导向", "坚持有为政府与有效市场有机结合",
          "发挥龙头企业带动作用", "整合各类创新资源", "强化部门协同联动", "提升服务专业化水平", "营造良好创新创业氛围",
          "促进大中小企业融通发展", "加强跟踪问效", "形成一批可复制可推广的经验", "推动政策落地见效", "降低企业创新成本",
          "畅通供需对接渠道", "完善分类分级管理", "建立常态化沟通机制", "强化数据共享和业务协同", "增强区域综合竞争力"]
MEASURES = ["加强统筹协调", "完善政策保障", "做好督查考核", "注重宣传引导", "强化要素支撑"]
PRINCIPLES = ["聚焦前沿,加快布局", "分类推动,提质升级", "贯通链条,赋能增效", "市场主导,政府引导"]
# the loaders take 区科协 as a unit only after a label (责任单位:…); a bare list needs a unit-like suffix (局, 委, 办 …)
SEED_ONLY = {"区科协"}
MARKUPS = ("seed", "fuzeren", "lead_join", "labels")


@dataclass
class PlanSpec:
    """What the generator wrote: the parser should find exactly these tasks and responsibilities."""

    file: str
    title: str
    doc_number: str
    district: str
    markup: str
    tasks: int
    responsibilities: int
    units_per_task: list[int] = field(default_factory=list)
    bytes: int = 0


def _sentence(rng: random.Random, mention_rate: float = 0.5) -> str:
    parts = [rng.choice(FILLER), rng.choice(ADVERBS) + rng.choice(VERBS) + rng.choice(OBJECTS)]
    if rng.random() < mention_rate:
        parts.insert(1, f"在{rng.choice(TRACKS)}、{rng.choice(TRACKS)}等领域")
    if rng.random() < mention_rate / 3:
        parts.insert(1, f"依托{rng.choice(PARKS)}")
    if rng.random() < 0.3:
        parts.append(rng.choice(VERBS) + rng.choice(OBJECTS))
    return ",".join(parts) + "。"


def _para(rng: random.Random, n: int, mention_rate: float = 0.5) -> str:
    return "".join(_sentence(rng, mention_rate) for _ in range(n))


def _clause(rng: random.Random, markup: str, units: list[str]) -> tuple[str, str]:
    """(inline clause, label lines) for one task."""
    if markup == "seed":
        return f"(责任单位:{'、'.join(units)})", ""
    if markup == "fuzeren":
        return f"({'、'.join(units)}负责)", ""
    if markup == "lead_join":
        if len(units) == 1:
            return f"({units[0]}牵头)", ""
        return f"({units[0]}牵头,{'、'.join(units[1:])}参与)", ""
    lines = f"  牵头单位:{units[0]}"
    if len(units) > 1:
        lines += f"\n\n  责任单位:{'、'.join(units[1:])}"
    return "", lines


def make_plan(rng: random.Random, index: int, target_bytes: int = 20_000) -> tuple[str, PlanSpec]:
    district = rng.choice(DISTRICTS)
    markup = MARKUPS[index % len(MARKUPS)]
    year = rng.randint(2019, 2025)
    topic = rng.choice(TOPICS)
    title = f"{district}{topic}工作方案(第{index + 1}号)"
    abbr = district[:2] + rng.choice(["科发", "政发", "经信发", "发改发", "政办发"])
    doc_number = f"{abbr}〔{year}〕{index + 1}号"
    bureaus = rng.sample(BUREAUS, rng.randint(12, len(BUREAUS)))
    n_tasks = rng.randint(10, 60)
    n_prog = min(len(PROGRAMMES), max(2, n_tasks // 8 + rng.randint(0, 2)))
    programmes = rng.sample(PROGRAMMES, n_prog)
    # filler sentences per task so a plan is ~target_bytes (a sentence is ~25 characters, ~80 bytes)
    fixed = 4_000
    per_task = max(1, round((target_bytes - fixed) / n_tasks / 80) - 1)

    out = [f"关于印发《{title}》的通知", "", doc_number, "", "各有关部门:", ""]
    drafters = "、".join(s for s, _ in bureaus[:4])
    out += [f"  为贯彻落实北京市《{rng.choice(TOPICS)}行动计划({year - 1}—{year + 2}年)》,{_para(rng, 1)[:-1]},"
            f"{drafters}等有关部门制定了《{title}》,经区政府常务会议审议通过,现予以印发,请抓好落实。", "",
            "  特此通知。", ""]
    for _, full in bureaus[:3]:
        out += [f"  北京市{district}{full}", ""]
    out += [f"  {year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "", "  (此件主动公开)", "", f"  {title}", "",
            f"  为{_para(rng, 1)[:-1]},制定本工作方案。", "", "  一、总体要求", "", "  (一)指导思想", "",
            "  " + _para(rng, 3), "", "  (二)基本原则", ""]
    for p in rng.sample(PRINCIPLES, 3):
        out += [f"  {p}。{_para(rng, 2)}", ""]
    n_targets = rng.randint(2, 5)
    goals = [f"全区各类孵化机构达到{rng.randint(10, 90)}家以上", f"孵化场地面积突破{rng.randint(10, 90)}万平方米",
             f"培育不少于{rng.randint(2, 9)}家标杆孵化器", f"新增{rng.randint(50, 500)}家以上科技型中小企业",
             f"培育{rng.randint(20, 200)}家以上国家高新技术企业"]
    out += ["  (三)发展目标", "", f"  到{year + 2}年,创新活动更加活跃," + ",".join(goals[:n_targets]) + "。", "",
            "  二、重点任务", ""]

    units_per_task: list[int] = []
    cn = "一二三四五六七八九十"
    number = 0
    for p_i, prog in enumerate(programmes):
        share = n_tasks // n_prog + (1 if p_i < n_tasks % n_prog else 0)
        out += [f"  ({_cn(p_i + 1, cn)}){prog}", ""]
        for _ in range(share):
            number += 1
            k = rng.randint(1, 8)
            pool = bureaus if markup == "seed" else [b for b in bureaus if b[0] not in SEED_ONLY]
            units = [s for s, _ in rng.sample(pool, min(k, len(pool)))]
            k = len(units)
            units_per_task.append(k)
            inline, lines = _clause(rng, markup, units)
            head = rng.choice(VERBS) + rng.choice(OBJECTS)
            body = _para(rng, per_task)
            out += [f"  {number}.{head}。{body}{inline}", ""]
            if lines:
                out += [lines, ""]
    lead = next(s for s, _ in bureaus if s not in SEED_ONLY)
    out += ["  三、保障措施", ""]
    for m_i, m in enumerate(rng.sample(MEASURES, 3)):
        extra = f"{lead}为工作专班牵头单位,各成员单位按照职责分工抓好任务落实。" if m_i == 0 else ""
        out += [f"  ({_cn(m_i + 1, cn)}){m}", "", "  " + extra + _para(rng, 2, 0.0), ""]
    out += ["", f"发布时间:{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:00", ""]
    text = "\n".join(out)
    spec = PlanSpec(file=f"plan-{index + 1:05d}.txt", title=title, doc_number=doc_number, district=district,
                    markup=markup, tasks=n_tasks, responsibilities=sum(units_per_task), units_per_task=units_per_task,
                    bytes=len(text.encode("utf-8")))
    return text, spec


def _cn(n: int, digits: str) -> str:
    if n <= 10:
        return digits[n - 1]
    return "十" + digits[n - 11] if n < 20 else digits[n // 10 - 1] + "十" + (digits[n % 10 - 1] if n % 10 else "")


def generate(n: int, seed: int = 0, target_bytes: int = 20_000) -> list[tuple[str, PlanSpec]]:
    """N plans; plan i depends only on (seed, i), so a corpus of 100 is the first 100 of a corpus of 1,000."""
    return [make_plan(random.Random(f"{seed}:{i}"), i, target_bytes) for i in range(n)]


def write_corpus(folder: str | Path, n: int, seed: int = 0, target_bytes: int = 20_000) -> list[PlanSpec]:
    """Write N plans as UTF-8 .txt files and a manifest.json of what each contains; returns the specs."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specs = []
    for text, spec in generate(n, seed, target_bytes):
        (folder / spec.file).write_bytes(text.encode("utf-8"))
        specs.append(spec)
    (folder / "manifest.json").write_text(json.dumps({"seed": seed, "plans": [asdict(s) for s in specs]},
                                                     ensure_ascii=False, indent=1), encoding="utf-8")
    return specs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--plans", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    specs = write_corpus(args.out, args.plans, args.seed)
    total = sum(s.bytes for s in specs)
    print(f"wrote {len(specs)} plans, {total / 1e6:.1f} MB, {sum(s.tasks for s in specs)} tasks, "
          f"{sum(s.responsibilities for s in specs)} responsibilities to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
